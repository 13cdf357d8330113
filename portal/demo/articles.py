"""Demo news and legal-dissemination articles (facts as published by the laws cited)."""


def p(*paragraphs):
    return [{"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}]


PPGDPL = "Phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật"
DEPARTMENT = "Sở Tư pháp Quảng Trị"

NEWS = [
    {
        "slug": "ban-hanh-quy-che-hoat-dong-trang-thong-tin-dien-tu",
        "title": "Ban hành Quy chế hoạt động Trang thông tin điện tử của Sở Tư pháp Quảng Trị",
        "lead": "Ngày 13/12/2024, Giám đốc Sở Tư pháp ban hành Quy chế quản lý, vận hành và cung cấp thông tin trên Trang thông tin điện tử của Sở Tư pháp Quảng Trị. Toàn văn Quy chế được đăng dưới đây.",
        "author": "Ban Biên tập Trang TTĐT",
        "source": DEPARTMENT,
        "posted": (2024, 12, 13, 15, 0),
        "regulation": True,
        "body": [],
    },
    {
        "slug": "kien-toan-ban-bien-tap-trang-thong-tin-dien-tu",
        "title": "Kiện toàn Ban Biên tập Trang thông tin điện tử Sở Tư pháp",
        "lead": "Sở Tư pháp ban hành Quyết định số 97/QĐ-STP ngày 09/12/2024 về kiện toàn Ban Biên tập Trang thông tin điện tử của Sở Tư pháp Quảng Trị.",
        "author": "Văn phòng Sở",
        "source": DEPARTMENT,
        "posted": (2024, 12, 9, 16, 30),
        "body": p(
            "Ban Biên tập chịu trách nhiệm trước cơ quan quản lý về nội dung hoạt động của Trang thông tin điện tử; tổ chức thu thập, xử lý, biên tập, kiểm duyệt và chịu trách nhiệm về thông tin trên Trang; xây dựng và triển khai kế hoạch nâng cao chất lượng thông tin (khoản 3 Điều 7 Quy chế).",
            "Mọi thông tin đăng tải trên Trang đều chịu sự kiểm duyệt của Ban Biên tập (khoản 4 Điều 6 Quy chế). Thông tin bị từ chối đăng tải khi thuộc một trong các trường hợp quy định tại điểm c khoản 2 Điều 4 Quy chế.",
        ),
    },
    {
        "slug": "huong-ung-ngay-phap-luat-viet-nam-2025",
        "title": "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2025",
        "lead": "Sở Tư pháp triển khai các hoạt động hưởng ứng Ngày Pháp luật Việt Nam (09/11) năm 2025 trong các cơ quan, đơn vị trên địa bàn tỉnh.",
        "author": PPGDPL,
        "source": DEPARTMENT,
        "posted": (2025, 11, 3, 8, 45),
        "body": p(
            "Ngày 09 tháng 11 hằng năm là Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam, được quy định tại Điều 8 Luật Phổ biến, giáo dục pháp luật năm 2012, nhằm tôn vinh Hiến pháp, pháp luật và giáo dục ý thức thượng tôn pháp luật cho mọi người trong xã hội.",
            "Các hoạt động hưởng ứng tập trung phổ biến các văn bản pháp luật mới, gắn với việc thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị, thiết thực và tránh hình thức.",
        ),
    },
    {
        "slug": "lien-thong-khai-sinh-thuong-tru-bao-hiem-y-te",
        "title": "Thực hiện liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
        "lead": "Người dân có thể thực hiện cùng lúc ba thủ tục hành chính cho trẻ em dưới 6 tuổi bằng một bộ hồ sơ trực tuyến trên Cổng Dịch vụ công.",
        "author": "Phòng Hành chính tư pháp",
        "source": DEPARTMENT,
        "posted": (2025, 3, 14, 10, 0),
        "body": p(
            "Theo Nghị định số 63/2024/NĐ-CP của Chính phủ về thực hiện liên thông điện tử các nhóm thủ tục hành chính, thủ tục đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi được thực hiện liên thông trên môi trường điện tử.",
            "Người yêu cầu đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử, khai báo thông tin một lần và nhận kết quả theo hình thức đã chọn.",
        ),
    },
]

DISSEMINATION = [
    {
        "slug": "quyen-tiep-can-thong-tin-cua-cong-dan",
        "title": "Quyền tiếp cận thông tin của công dân",
        "lead": "Luật Tiếp cận thông tin năm 2016 bảo đảm quyền của công dân được tiếp cận thông tin do cơ quan nhà nước tạo ra.",
        "author": PPGDPL,
        "source": DEPARTMENT,
        "posted": (2025, 6, 20, 9, 0),
        "image_title": "Công dân tra cứu thông tin trên Trang thông tin điện tử",
        "body": p(
            "Luật Tiếp cận thông tin số 104/2016/QH13 được Quốc hội thông qua ngày 06/4/2016 và có hiệu lực từ ngày 01/7/2018.",
            "Công dân được tiếp cận thông tin bằng cách tự do tiếp cận thông tin được cơ quan nhà nước công khai, hoặc yêu cầu cơ quan nhà nước cung cấp thông tin. Cơ quan nhà nước phải công khai thông tin trên cổng, trang thông tin điện tử của mình.",
        ),
    },
    {
        "slug": "nhung-nguoi-duoc-tro-giup-phap-ly",
        "title": "Những người được trợ giúp pháp lý miễn phí",
        "lead": "Luật Trợ giúp pháp lý năm 2017 quy định những người được Nhà nước trợ giúp pháp lý miễn phí.",
        "author": "Trung tâm Trợ giúp pháp lý nhà nước",
        "source": DEPARTMENT,
        "posted": (2025, 7, 8, 14, 15),
        "image_title": "Trợ giúp viên pháp lý tư vấn cho người dân",
        "body": p(
            "Theo Điều 7 Luật Trợ giúp pháp lý số 11/2017/QH14, người được trợ giúp pháp lý gồm:",
        )
        + [
            {
                "type": "table",
                "value": {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Một số nhóm người được trợ giúp pháp lý",
                    "data": [
                        ["Nhóm", "Ví dụ"],
                        [
                            "Người có công với cách mạng",
                            "Thương binh, bệnh binh, thân nhân liệt sĩ",
                        ],
                        ["Người thuộc hộ nghèo", "Có giấy tờ chứng minh thuộc hộ nghèo"],
                        ["Trẻ em", "Người chưa đủ 16 tuổi"],
                        [
                            "Người dân tộc thiểu số",
                            "Cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn",
                        ],
                    ],
                },
            },
        ]
        + p("Người có yêu cầu liên hệ Trung tâm Trợ giúp pháp lý nhà nước tỉnh để được hướng dẫn."),
    },
    {
        "slug": "hoi-dap-cap-phieu-ly-lich-tu-phap-truc-tuyen",
        "title": "Hỏi đáp: Yêu cầu cấp Phiếu lý lịch tư pháp trực tuyến như thế nào?",
        "lead": "Công dân có thể nộp yêu cầu cấp Phiếu lý lịch tư pháp trực tuyến mà không phải đến trụ sở Sở Tư pháp.",
        "author": "Phòng Hành chính tư pháp",
        "source": DEPARTMENT,
        "posted": (2025, 9, 5, 10, 30),
        "image_title": "Phiếu lý lịch tư pháp",
        "body": p(
            "<b>Hỏi:</b> Tôi cần Phiếu lý lịch tư pháp để bổ sung hồ sơ xin việc. Tôi có thể nộp yêu cầu trực tuyến không?",
            "<b>Đáp:</b> Theo Luật Lý lịch tư pháp năm 2009, công dân có quyền yêu cầu cấp Phiếu lý lịch tư pháp. Hiện nay yêu cầu có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc qua ứng dụng VNeID; kết quả được trả qua bưu chính hoặc nhận trực tiếp theo lựa chọn của người yêu cầu.",
        ),
    },
]
