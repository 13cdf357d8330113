"""Demo general pages under the sections. Organisation facts follow the functions that
Circular 07/2020/TT-BTP gives a provincial Department of Justice; contact figures are demo."""

from portal.demo.articles import p


def table(caption, rows):
    return {
        "type": "table",
        "value": {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
            "data": rows,
        },
    }


# The site's own operating regulation, a page of Giới thiệu (its text: regulation.py).
REGULATION = {
    "slug": "quy-che-hoat-dong-trang-thong-tin-dien-tu",
    "title": "Quy chế hoạt động Trang thông tin điện tử",
    "intro": "Quy chế quản lý, vận hành và cung cấp thông tin trên Trang thông tin điện tử của Sở Tư pháp Quảng Trị, ban hành ngày 13/12/2024 kèm theo Quyết định của Giám đốc Sở Tư pháp.",
    "news_paragraph": "<p>Quy chế quy định việc quản lý, vận hành và cung cấp thông tin trên Trang; trách nhiệm của Ban Biên tập, các phòng, đơn vị và cộng tác viên; chế độ nhuận bút và việc tiếp nhận phản ánh, kiến nghị của tổ chức, cá nhân.</p><p>Toàn văn Quy chế được đăng tại mục Giới thiệu: %(link)s.</p>",
}

SECTION_PAGES = {
    "gioi-thieu": [
        {
            "slug": "chuc-nang-nhiem-vu-quyen-han",
            "title": "Chức năng, nhiệm vụ, quyền hạn",
            "intro": "Sở Tư pháp là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Quảng Trị.",
            "body": p(
                "Sở Tư pháp tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: công tác xây dựng, thi hành pháp luật, theo dõi thi hành pháp luật, kiểm tra, xử lý văn bản quy phạm pháp luật; phổ biến, giáo dục pháp luật; hòa giải ở cơ sở; hộ tịch; quốc tịch; chứng thực; nuôi con nuôi; lý lịch tư pháp; bồi thường nhà nước; trợ giúp pháp lý; luật sư; tư vấn pháp luật; công chứng; giám định tư pháp; đấu giá tài sản; trọng tài thương mại; hòa giải thương mại; thừa phát lại; quản lý công tác thi hành pháp luật về xử lý vi phạm hành chính và công tác tư pháp khác theo quy định của pháp luật.",
                "Sở Tư pháp có tư cách pháp nhân, có con dấu và tài khoản riêng; chịu sự chỉ đạo, quản lý về tổ chức, biên chế và công tác của Ủy ban nhân dân tỉnh, đồng thời chịu sự chỉ đạo, hướng dẫn, thanh tra, kiểm tra về chuyên môn, nghiệp vụ của Bộ Tư pháp.",
            ),
        },
    ],
    "chien-luoc-quy-hoach-ke-hoach": [
        {
            "slug": "ke-hoach-cong-tac-tu-phap-nam-2025",
            "title": "Kế hoạch công tác tư pháp năm 2025",
            "intro": "Các nhiệm vụ trọng tâm của ngành tư pháp tỉnh trong năm 2025.",
            "body": p(
                "Nâng cao chất lượng thẩm định, kiểm tra văn bản quy phạm pháp luật; đổi mới công tác phổ biến, giáo dục pháp luật; đẩy mạnh cung cấp dịch vụ công trực tuyến trong lĩnh vực hộ tịch, lý lịch tư pháp, chứng thực; tăng cường quản lý nhà nước về bổ trợ tư pháp.",
            ),
        },
    ],
    "du-an-dau-tu-mua-sam-cong": [
        {
            "slug": "cong-khai-mua-sam-cong-nam-2025",
            "title": "Công khai kế hoạch mua sắm công năm 2025",
            "intro": "Danh mục mua sắm tài sản phục vụ hoạt động chuyên môn (số liệu minh họa của bản trình diễn).",
            "body": [
                table(
                    "Danh mục mua sắm công",
                    [
                        ["Nội dung", "Hình thức lựa chọn nhà thầu", "Thời gian thực hiện"],
                        [
                            "Mua sắm máy tính phục vụ công tác chuyên môn",
                            "Chào hàng cạnh tranh",
                            "Quý II/2025",
                        ],
                        [
                            "Nâng cấp Trang thông tin điện tử",
                            "Chỉ định thầu rút gọn",
                            "Quý III/2025",
                        ],
                    ],
                ),
            ],
        },
    ],
    "tai-chinh-thong-ke": [
        {
            "slug": "cong-khai-du-toan-ngan-sach-nam-2025",
            "title": "Công khai dự toán ngân sách năm 2025",
            "intro": "Công khai dự toán ngân sách nhà nước được giao theo quy định của Luật Ngân sách nhà nước.",
            "body": p(
                "Sở Tư pháp công khai dự toán ngân sách được giao, tình hình thực hiện và quyết toán theo quy định. Các biểu mẫu chi tiết được đăng kèm dưới dạng tệp tải về.",
            ),
        },
    ],
}
