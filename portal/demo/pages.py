"""Demo general pages under the sections: the agency profile's own (its demo data's
"section_pages") or this sample, which names no agency but the profile's."""

from portal.demo.articles import p


def sample_section_pages(agency):
    return {
        "gioi-thieu": [
            {
                "slug": "chuc-nang-nhiem-vu-quyen-han",
                "title": "Chức năng, nhiệm vụ, quyền hạn",
                "intro": f"{agency.common_name} là cơ quan chuyên môn thuộc {agency.managing_agency}.",
                "body": p(
                    f"{agency.common_name} có tư cách pháp nhân, có con dấu và tài khoản riêng; chịu sự chỉ đạo, quản lý về tổ chức, biên chế và công tác của Ủy ban nhân dân tỉnh.",
                ),
            },
        ],
    }
