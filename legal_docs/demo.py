"""Forty-three documents this department works with, with their true numbers and dates, and
the relations among them. Validity is computed from these relations on the day the page is
shown; a document replaced by one not listed here needs its relation or an override."""

from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone

from home.setup import publish
from legal_docs import exchange
from legal_docs.importer import review_batch, system_account
from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    ProcedurePage,
    Source,
)
from legal_docs.numbering import document_slug
from legal_docs.procedure_import import LOAD_OPTIONS, ProcedureImporter
from portal.core.models import DailyDownloads, DailyVisits

QH, CP, BTP = "Quốc hội", "Chính phủ", "Bộ Tư pháp"
UBND, STP = "Ủy ban nhân dân tỉnh Quảng Trị", "Sở Tư pháp Quảng Trị"
VN, QT = "Toàn quốc", "Tỉnh Quảng Trị"


def d(day, month, year):
    return date(year, month, day)


# (type, authority, number, issued, effective, title, summary, fields, scope)
# fmt: off
DOCUMENTS = [
    ('Luật', QH, '60/2014/QH13', d(20, 11, 2014), d(1, 1, 2016), 'Luật Hộ tịch', 'Luật Hộ tịch', ['Hộ tịch'], VN),
    ('Luật', QH, '53/2014/QH13', d(20, 6, 2014), d(1, 1, 2015), 'Luật Công chứng 2014', 'Luật Công chứng', ['Công chứng'], VN),
    ('Luật', QH, '46/2024/QH15', d(26, 11, 2024), d(1, 7, 2025), 'Luật Công chứng 2024', 'Luật Công chứng', ['Công chứng'], VN),
    ('Luật', QH, '69/2006/QH11', d(29, 6, 2006), d(1, 1, 2007), 'Luật Trợ giúp pháp lý 2006', 'Luật Trợ giúp pháp lý', ['Trợ giúp pháp lý'], VN),
    ('Luật', QH, '11/2017/QH14', d(20, 6, 2017), d(1, 1, 2018), 'Luật Trợ giúp pháp lý 2017', 'Luật Trợ giúp pháp lý', ['Trợ giúp pháp lý'], VN),
    ('Luật', QH, '28/2009/QH12', d(17, 6, 2009), d(1, 7, 2010), 'Luật Lý lịch tư pháp', 'Luật Lý lịch tư pháp', ['Lý lịch tư pháp'], VN),
    ('Luật', QH, '14/2012/QH13', d(20, 6, 2012), d(1, 1, 2013), 'Luật Phổ biến, giáo dục pháp luật', 'Luật Phổ biến, giáo dục pháp luật', ['Phổ biến, giáo dục pháp luật'], VN),
    ('Luật', QH, '104/2016/QH13', d(6, 4, 2016), d(1, 7, 2018), 'Luật Tiếp cận thông tin', 'Luật Tiếp cận thông tin', ['Tiếp cận thông tin'], VN),
    ('Luật', QH, '24/2018/QH14', d(12, 6, 2018), d(1, 1, 2019), 'Luật An ninh mạng 2018', 'Luật An ninh mạng', ['Công nghệ thông tin, an toàn thông tin'], VN),
    ('Luật', QH, '86/2015/QH13', d(19, 11, 2015), d(1, 7, 2016), 'Luật An toàn thông tin mạng', 'Luật An toàn thông tin mạng', ['Công nghệ thông tin, an toàn thông tin'], VN),
    ('Luật', QH, '67/2006/QH11', d(29, 6, 2006), d(1, 1, 2007), 'Luật Công nghệ thông tin', 'Luật Công nghệ thông tin', ['Công nghệ thông tin, an toàn thông tin'], VN),
    ('Luật', QH, '103/2016/QH13', d(5, 4, 2016), d(1, 1, 2017), 'Luật Báo chí 2016', 'Luật Báo chí', ['Tiếp cận thông tin'], VN),
    ('Luật', QH, '80/2015/QH13', d(22, 6, 2015), d(1, 7, 2016), 'Luật Ban hành văn bản quy phạm pháp luật 2015', 'Luật Ban hành văn bản quy phạm pháp luật', ['Xây dựng và kiểm tra văn bản'], VN),
    ('Luật', QH, '64/2025/QH15', d(19, 2, 2025), d(1, 4, 2025), 'Luật Ban hành văn bản quy phạm pháp luật 2025', 'Luật Ban hành văn bản quy phạm pháp luật', ['Xây dựng và kiểm tra văn bản'], VN),
    ('Luật', QH, '35/2013/QH13', d(20, 6, 2013), d(1, 1, 2014), 'Luật Hòa giải ở cơ sở', 'Luật Hòa giải ở cơ sở', ['Phổ biến, giáo dục pháp luật'], VN),
    ('Luật', QH, '52/2010/QH12', d(17, 6, 2010), d(1, 1, 2011), 'Luật Nuôi con nuôi', 'Luật Nuôi con nuôi', ['Hộ tịch'], VN),
    ('Luật', QH, '24/2008/QH12', d(13, 11, 2008), d(1, 7, 2009), 'Luật Quốc tịch Việt Nam', 'Luật Quốc tịch Việt Nam', ['Hộ tịch'], VN),
    ('Luật', QH, '65/2006/QH11', d(29, 6, 2006), d(1, 1, 2007), 'Luật Luật sư', 'Luật Luật sư', ['Bổ trợ tư pháp'], VN),
    ('Luật', QH, '13/2012/QH13', d(20, 6, 2012), d(1, 1, 2013), 'Luật Giám định tư pháp', 'Luật Giám định tư pháp', ['Bổ trợ tư pháp'], VN),
    ('Luật', QH, '01/2016/QH14', d(17, 11, 2016), d(1, 7, 2017), 'Luật Đấu giá tài sản', 'Luật Đấu giá tài sản', ['Bổ trợ tư pháp'], VN),
    ('Luật', QH, '15/2012/QH13', d(20, 6, 2012), d(1, 7, 2013), 'Luật Xử lý vi phạm hành chính', 'Luật Xử lý vi phạm hành chính', ['Xây dựng và kiểm tra văn bản'], VN),
    ('Luật', QH, '10/2017/QH14', d(20, 6, 2017), d(1, 7, 2018), 'Luật Trách nhiệm bồi thường của Nhà nước', 'Luật Trách nhiệm bồi thường của Nhà nước', ['Bổ trợ tư pháp'], VN),
    ('Luật', QH, '51/2005/QH11', d(29, 11, 2005), d(1, 3, 2006), 'Luật Giao dịch điện tử 2005', 'Luật Giao dịch điện tử', ['Công nghệ thông tin, an toàn thông tin'], VN),
    ('Luật', QH, '20/2023/QH15', d(22, 6, 2023), d(1, 7, 2024), 'Luật Giao dịch điện tử 2023', 'Luật Giao dịch điện tử', ['Công nghệ thông tin, an toàn thông tin'], VN),
    ('Luật', QH, '59/2014/QH13', d(20, 11, 2014), d(1, 1, 2016), 'Luật Căn cước công dân', 'Luật Căn cước công dân', ['Hộ tịch'], VN),
    ('Luật', QH, '26/2023/QH15', d(27, 11, 2023), d(1, 7, 2024), 'Luật Căn cước', 'Luật Căn cước', ['Hộ tịch'], VN),
    ('Bộ luật', QH, '91/2015/QH13', d(24, 11, 2015), d(1, 1, 2017), 'Bộ luật Dân sự', 'Bộ luật Dân sự', ['Công chứng', 'Chứng thực'], VN),
    ('Luật', QH, '26/2008/QH12', d(14, 11, 2008), d(1, 7, 2009), 'Luật Thi hành án dân sự', 'Luật Thi hành án dân sự', ['Bổ trợ tư pháp'], VN),
    ('Luật', QH, '36/2018/QH14', d(20, 11, 2018), d(1, 7, 2019), 'Luật Phòng, chống tham nhũng', 'Luật Phòng, chống tham nhũng', ['Tổ chức bộ máy'], VN),
    ('Luật', QH, '25/2018/QH14', d(12, 6, 2018), d(1, 1, 2019), 'Luật Tố cáo', 'Luật Tố cáo', ['Tổ chức bộ máy'], VN),
    ('Nghị định', CP, '123/2015/NĐ-CP', d(15, 11, 2015), d(1, 1, 2016), 'Nghị định 123/2015/NĐ-CP', 'Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch', ['Hộ tịch'], VN),
    ('Nghị định', CP, '23/2015/NĐ-CP', d(16, 2, 2015), d(10, 4, 2015), 'Nghị định 23/2015/NĐ-CP', 'Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch', ['Chứng thực'], VN),
    ('Nghị định', CP, '42/2022/NĐ-CP', d(24, 6, 2022), d(1, 8, 2022), 'Nghị định 42/2022/NĐ-CP', 'Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng', ['Tiếp cận thông tin'], VN),
    ('Nghị định', CP, '13/2018/NĐ-CP', d(23, 1, 2018), d(1, 7, 2018), 'Nghị định 13/2018/NĐ-CP', 'Quy định chi tiết và biện pháp thi hành Luật Tiếp cận thông tin', ['Tiếp cận thông tin'], VN),
    ('Nghị định', CP, '13/2023/NĐ-CP', d(17, 4, 2023), d(1, 7, 2023), 'Nghị định 13/2023/NĐ-CP', 'Về bảo vệ dữ liệu cá nhân', ['Công nghệ thông tin, an toàn thông tin'], VN),
    ('Nghị định', CP, '87/2020/NĐ-CP', d(28, 7, 2020), d(15, 9, 2020), 'Nghị định 87/2020/NĐ-CP', 'Quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến', ['Hộ tịch'], VN),
    ('Nghị định', CP, '110/2013/NĐ-CP', d(24, 9, 2013), d(10, 11, 2013), 'Nghị định 110/2013/NĐ-CP', 'Quy định xử phạt vi phạm hành chính trong lĩnh vực bổ trợ tư pháp, hành chính tư pháp, hôn nhân và gia đình, thi hành án dân sự, phá sản doanh nghiệp, hợp tác xã', ['Bổ trợ tư pháp'], VN),
    ('Nghị định', CP, '82/2020/NĐ-CP', d(15, 7, 2020), d(1, 9, 2020), 'Nghị định 82/2020/NĐ-CP', 'Quy định xử phạt vi phạm hành chính trong lĩnh vực bổ trợ tư pháp; hành chính tư pháp; hôn nhân và gia đình; thi hành án dân sự; phá sản doanh nghiệp, hợp tác xã', ['Bổ trợ tư pháp'], VN),
    ('Thông tư', BTP, '04/2020/TT-BTP', d(28, 5, 2020), d(16, 7, 2020), 'Thông tư 04/2020/TT-BTP', 'Quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP', ['Hộ tịch'], VN),
    ('Thông tư', BTP, '01/2020/TT-BTP', d(3, 3, 2020), d(20, 4, 2020), 'Thông tư 01/2020/TT-BTP', 'Quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định số 23/2015/NĐ-CP', ['Chứng thực'], VN),
    ('Quyết định', UBND, '2975/QĐ-UBND', d(6, 12, 2024), d(6, 12, 2024), 'Quyết định 2975/QĐ-UBND', 'Ban hành Quy chế quản lý, vận hành và cung cấp thông tin trên Cổng Thông tin điện tử tỉnh Quảng Trị và Trang Thông tin điện tử thành phần trên địa bàn tỉnh Quảng Trị', ['Tiếp cận thông tin'], QT),
    ('Quyết định', STP, '97/QĐ-STP', d(9, 12, 2024), d(9, 12, 2024), 'Quyết định 97/QĐ-STP', 'Về kiện toàn Ban Biên tập Trang thông tin điện tử của Sở Tư pháp Quảng Trị', ['Tổ chức bộ máy'], QT),
    ('Quyết định', STP, '04/QĐ-STP', d(9, 1, 2024), d(9, 1, 2024), 'Quyết định 04/QĐ-STP', 'Ban hành mức chi trả nhuận bút cho cộng tác viên và thù lao cho người chịu trách nhiệm xuất bản, Ban Biên tập Trang thông tin điện tử Sở Tư pháp', ['Tiếp cận thông tin'], QT),
]
# fmt: on

# Who signed the laws: the Chairman of the National Assembly in office on the day it adopted
# them certifies its laws by signature (Constitution 2013, Art. 85), from the day of election.
# The other documents are signed by whoever the Government, the ministry or the province
# delegated, which this list does not claim to know: they stay blank.
NA_CHAIRS = [
    (d(27, 6, 2001), "Nguyễn Văn An"),
    (d(26, 6, 2006), "Nguyễn Phú Trọng"),
    (d(23, 7, 2011), "Nguyễn Sinh Hùng"),
    (d(31, 3, 2016), "Nguyễn Thị Kim Ngân"),
    (d(31, 3, 2021), "Vương Đình Huệ"),
    (d(20, 5, 2024), "Trần Thanh Mẫn"),
]
NA_CHAIR_TITLE = "Chủ tịch Quốc hội"


def signer_of(authority, issued):
    """(signer, title) of a demo document, or blanks where the list does not know them."""
    if authority != QH:
        return "", ""
    name = [name for since, name in NA_CHAIRS if since <= issued][-1]
    return name, NA_CHAIR_TITLE


# (source number, relation type, target number, or (external number, external title))
# fmt: off
RELATIONS = [
    ('46/2024/QH15', 'replaces', '53/2014/QH13'),
    ('11/2017/QH14', 'replaces', '69/2006/QH11'),
    ('64/2025/QH15', 'replaces', '80/2015/QH13'),
    ('20/2023/QH15', 'replaces', '51/2005/QH11'),
    ('26/2023/QH15', 'replaces', '59/2014/QH13'),
    ('42/2022/NĐ-CP', 'replaces', ('43/2011/NĐ-CP', 'Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước')),
    ('82/2020/NĐ-CP', 'replaces', '110/2013/NĐ-CP'),
    # Each of these says in its title that it details (quy định chi tiết) the documents it
    # names, and names them among its bases (căn cứ).
    ('123/2015/NĐ-CP', 'details', '60/2014/QH13'),
    ('123/2015/NĐ-CP', 'legal_basis', '60/2014/QH13'),
    ('13/2018/NĐ-CP', 'details', '104/2016/QH13'),
    ('13/2018/NĐ-CP', 'legal_basis', '104/2016/QH13'),
    ('87/2020/NĐ-CP', 'related', '60/2014/QH13'),
    ('04/2020/TT-BTP', 'details', '60/2014/QH13'),
    ('04/2020/TT-BTP', 'details', '123/2015/NĐ-CP'),
    ('04/2020/TT-BTP', 'legal_basis', '60/2014/QH13'),
    ('04/2020/TT-BTP', 'legal_basis', '123/2015/NĐ-CP'),
    ('01/2020/TT-BTP', 'guides', '23/2015/NĐ-CP'),
    ('01/2020/TT-BTP', 'legal_basis', '23/2015/NĐ-CP'),
    # The sanctions decrees are made under the law on administrative violations.
    ('110/2013/NĐ-CP', 'legal_basis', '15/2012/QH13'),
    ('82/2020/NĐ-CP', 'legal_basis', '15/2012/QH13'),
    ('2975/QĐ-UBND', 'legal_basis', '67/2006/QH11'),
    ('2975/QĐ-UBND', 'legal_basis', '104/2016/QH13'),
    ('2975/QĐ-UBND', 'legal_basis', '86/2015/QH13'),
    ('2975/QĐ-UBND', 'legal_basis', '42/2022/NĐ-CP'),
    ('2975/QĐ-UBND', 'legal_basis', ('22/2023/TT-BTTTT', 'Thông tư quy định cấu trúc, bố cục, yêu cầu kỹ thuật cho cổng thông tin điện tử và trang thông tin điện tử của cơ quan nhà nước')),
    ('97/QĐ-STP', 'legal_basis', '2975/QĐ-UBND'),
]
# fmt: on


def load_legal_documents(index_page, attach=None):
    """Creates the documents missing from the registry, then their relations. Returns how
    many documents it created. `attach(page, field_names)`, if given, adds a file and a full
    text to each new document before it is published (the demo's samples)."""
    types = {t.name: t for t in DocumentType.objects.all()}
    authorities = {a.name: a for a in IssuingAuthority.objects.all()}
    fields = {f.name: f for f in LegalField.objects.all()}
    pages, created = {}, set()
    for (
        type_name,
        authority,
        number,
        issued,
        effective,
        title,
        summary,
        field_names,
        scope,
    ) in DOCUMENTS:
        slug = document_slug(number, issued.year)
        page = index_page.get_children().filter(slug=slug).first()
        if page is None:
            normative = types[type_name].is_normative
            signer, signer_position = signer_of(authority, issued)
            page = LegalDocumentPage(
                title=title,
                slug=slug,
                number_symbol=number,
                summary=summary,
                document_type=types[type_name],
                issuing_authority=authorities[authority],
                issue_date=issued,
                effective_date=effective,
                scope=scope,
                signer=signer,
                signer_position=signer_position,
                source=Source.NATIONAL_DATABASE if normative else Source.DEPARTMENT,
            )
            page.fields = [fields[name] for name in field_names]
            if attach:
                attach(page, field_names)
            index_page.add_child(instance=page)
            publish(page)
            created.add(number)
        pages[number] = page.specific
    # Relations are part of the page's revision, so they are added and published with it.
    for number in created:
        page = pages[number]
        for source, relation_type, target in RELATIONS:
            if source != number:
                continue
            if isinstance(target, tuple):
                relation = {"external_number": target[0], "external_title": target[1]}
            else:
                relation = {"target": pages[target]}
            page.relations.add(LegalDocumentRelation(relation_type=relation_type, **relation))
        if any(source == number for source, *_ in RELATIONS):
            publish(page)
    if created:
        load_usage_counts({number: pages[number] for number, *_ in USAGE if number in created})
    return len(created)


# Sample figures for the registry's "most viewed" and "most downloaded" lists: (number,
# views, downloads) a day over the last week. Invented counts, not any site's.
USAGE = [
    ("60/2014/QH13", 14, 5),
    ("2975/QĐ-UBND", 11, 6),
    ("123/2015/NĐ-CP", 9, 4),
    ("04/2020/TT-BTP", 6, 3),
    ("23/2015/NĐ-CP", 5, 1),
    ("97/QĐ-STP", 3, 2),
]


def load_usage_counts(pages):
    """`pages`: {number: page}, the demo's documents just created."""
    today = timezone.localdate()
    for number, views, downloads in USAGE:
        if number not in pages:
            continue
        page = pages[number]
        files = list(page.files.values_list("document_id", flat=True))
        for age in range(7):
            day = today - timedelta(days=age)
            DailyVisits.objects.get_or_create(date=day, page=page, defaults={"count": views})
            for document_id in files[:1]:
                DailyDownloads.objects.get_or_create(
                    date=day, document_id=document_id, defaults={"count": downloads}
                )


PROCEDURES_FILE = Path(__file__).parent / "schema" / "procedures.example.json"


def load_procedures(index_page):
    """The sample exchange file through the real importer, approved as a batch: codes,
    fees and times are samples for the board to check against the national database."""
    if ProcedurePage.objects.exists():
        return 0
    text = PROCEDURES_FILE.read_text(encoding="utf-8")
    records = exchange.load(text, PROCEDURES_FILE.name, **LOAD_OPTIONS)
    importer = ProcedureImporter(index_page, PROCEDURES_FILE.name, imported_by=system_account())
    report = importer.run(records)
    review_batch(importer.batch, None, approve=True, comment="Dữ liệu mẫu")
    return report.created
