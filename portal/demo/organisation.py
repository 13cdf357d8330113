"""Demo organisation (Art. 5.1đ): the agency profile's own units and people (its demo data's
"organisation"), or a leadership and an office; names of people are demo samples."""

from home.models import OrganisationPage, Person, Unit
from home.setup import ensure_child


def sample_organisation(agency):
    """For a profile whose demo data has no "organisation": its leaders and its office."""
    leaders, office = "Ban Giám đốc", agency.roles["office"]
    return {
        "address": agency.contacts.get("address", ""),
        # name, kind, parent, phone, email, functions
        "units": [
            (leaders, "leadership", None, "", "", "Chỉ đạo, điều hành toàn bộ hoạt động."),
            (office, "division", leaders, "", "", "Tổng hợp, hành chính; tiếp nhận phản ánh."),
        ],
        # name, position, unit, leader, contact, biography
        "people": [
            ("Hoàng Kỳ", "Giám đốc", leaders, True, False, "Người trong bản trình diễn."),
            ("Trần Thị Hương", "Chánh Văn phòng", office, False, True, ""),
        ],
        "functions": f"<p>{agency.name} là cơ quan chuyên môn thuộc {agency.managing_agency}.</p>",
        "history": "",
    }


def load_organisation(section, organisation):
    units = {}
    for order, (name, kind, parent, phone, email, functions) in enumerate(organisation["units"]):
        units[name], _ = Unit.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "parent": units.get(parent),
                "phone": phone,
                "email": email,
                "address": organisation["address"],
                "functions": functions,
                "sort_order": order,
            },
        )
    for order, (name, position, unit, leader, contact, biography) in enumerate(
        organisation["people"]
    ):
        Person.objects.get_or_create(
            name=name,
            position=position,
            defaults={
                "unit": units[unit],
                "is_leader": leader,
                "is_contact": contact,
                "biography": biography,
                "phone": units[unit].phone,
                "sort_order": order,
            },
        )
    ensure_child(
        section,
        OrganisationPage,
        "co-cau-to-chuc",
        title="Cơ cấu tổ chức",
        functions=organisation["functions"],
        history=organisation["history"],
        show_in_menus=True,
    )
