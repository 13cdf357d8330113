"""Demo news and legal-dissemination articles: the agency profile's own (its demo data's "news"
and "dissemination") or these samples, which name no agency but the profile's."""


def p(*paragraphs):
    return [{"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}]


def sample_news(agency):
    return [
        {
            "slug": "ra-mat-trang-thong-tin-dien-tu",
            "title": f"Ra mắt Trang thông tin điện tử của {agency.name}",
            "lead": f"Trang thông tin điện tử của {agency.name} cung cấp thông tin về hoạt động, văn bản và thủ tục hành chính của cơ quan.",
            "author": "Ban Biên tập Trang TTĐT",
            "source": agency.short_name,
            "posted": [2025, 1, 6, 9, 0],
            "body": p(
                "Mọi thông tin đăng tải trên Trang đều chịu sự kiểm duyệt của Ban Biên tập. Tổ chức, cá nhân phản ánh về nội dung trên Trang qua mục Phản ánh, kiến nghị.",
            ),
        },
    ]


def sample_dissemination(agency):
    return [
        {
            "slug": "quyen-tiep-can-thong-tin-cua-cong-dan",
            "title": "Quyền tiếp cận thông tin của công dân",
            "lead": "Luật Tiếp cận thông tin năm 2016 bảo đảm quyền của công dân được tiếp cận thông tin do cơ quan nhà nước tạo ra.",
            "author": "Ban Biên tập Trang TTĐT",
            "source": agency.short_name,
            "posted": [2025, 6, 20, 9, 0],
            "image_title": "Công dân tra cứu thông tin trên Trang thông tin điện tử",
            "body": p(
                "Luật Tiếp cận thông tin số 104/2016/QH13 được Quốc hội thông qua ngày 06/4/2016 và có hiệu lực từ ngày 01/7/2018.",
                "Công dân được tiếp cận thông tin bằng cách tự do tiếp cận thông tin được cơ quan nhà nước công khai, hoặc yêu cầu cơ quan nhà nước cung cấp thông tin. Cơ quan nhà nước phải công khai thông tin trên cổng, trang thông tin điện tử của mình.",
            ),
        },
    ]
