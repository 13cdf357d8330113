"""Demo general pages under the sections. Organisation facts follow the functions that
Circular 07/2020/TT-BTP gives a provincial Department of Justice; contact figures are demo."""

from home.demo.articles import p


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
        {
            "slug": "co-cau-to-chuc",
            "title": "Cơ cấu tổ chức",
            "intro": "Lãnh đạo Sở, các phòng chuyên môn và đơn vị sự nghiệp trực thuộc.",
            "body": [
                table(
                    "Cơ cấu tổ chức của Sở Tư pháp",
                    [
                        ["Bộ phận", "Đơn vị"],
                        ["Lãnh đạo Sở", "Giám đốc và các Phó Giám đốc"],
                        ["Phòng chuyên môn", "Văn phòng Sở"],
                        [
                            "Phòng chuyên môn",
                            "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật",
                        ],
                        [
                            "Phòng chuyên môn",
                            "Phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật",
                        ],
                        ["Phòng chuyên môn", "Phòng Hành chính tư pháp"],
                        ["Phòng chuyên môn", "Phòng Bổ trợ tư pháp"],
                        ["Đơn vị sự nghiệp", "Trung tâm Trợ giúp pháp lý nhà nước"],
                        ["Đơn vị sự nghiệp", "Phòng Công chứng số 1"],
                        ["Đơn vị sự nghiệp", "Trung tâm Dịch vụ đấu giá tài sản"],
                    ],
                ),
            ],
        },
        {
            "slug": "thong-tin-lien-he",
            "title": "Thông tin liên hệ",
            "intro": "Địa chỉ, điện thoại và thư điện tử của các đơn vị (số liệu minh họa của bản trình diễn).",
            "body": [
                table(
                    "Đầu mối liên hệ của các đơn vị",
                    [
                        ["Đơn vị", "Điện thoại", "Thư điện tử"],
                        ["Văn phòng Sở", "0233 3852 520", "vanphong.stp@quangtri.gov.vn"],
                        [
                            "Phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật",
                            "0233 3852 523",
                            "pbgdpl.stp@quangtri.gov.vn",
                        ],
                        ["Phòng Hành chính tư pháp", "0233 3852 524", "hctp.stp@quangtri.gov.vn"],
                        [
                            "Trung tâm Trợ giúp pháp lý nhà nước",
                            "0233 3852 530",
                            "trogiupphaply@quangtri.gov.vn",
                        ],
                    ],
                ),
            ],
        },
    ],
    "thu-tuc-hanh-chinh": [
        {
            "slug": "nop-ho-so-truc-tuyen",
            "title": "Nộp hồ sơ thủ tục hành chính trực tuyến",
            "intro": "Thủ tục hành chính thuộc thẩm quyền của Sở Tư pháp được tiếp nhận trên Cổng Dịch vụ công quốc gia và Cổng Dịch vụ công tỉnh.",
            "body": p(
                'Tra cứu thủ tục và nộp hồ sơ tại <a href="https://dichvucong.gov.vn">Cổng Dịch vụ công quốc gia</a>.',
                "Kết quả giải quyết được trả trực tuyến, qua bưu chính hoặc tại Bộ phận Một cửa theo lựa chọn của người yêu cầu.",
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
