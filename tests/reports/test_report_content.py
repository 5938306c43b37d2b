"""What the printed report says, read back from the PDF's text (pypdf).

Every number is checked against the scoring engine's result, formatted the Indonesian way;
the report's own layout code is not used to build the expectations.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from report_helpers import COMPLETE_UNIT, DRAFT_UNIT, PLACE, TPI_CHANGES, Rendered, rendered

from zi_desktop.formatting import format_number
from zi_desktop.lke.model import AREA_NAMES, ItemType
from zi_desktop.scoring import ScoreResult
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.fingerprint import assessment_fingerprint, readable

DRAFT_MARK = "DRAF — BELUM LENGKAP"
NOT_APPROVED_MARK = "DRAF — BELUM DISETUJUI"


def n(value: Fraction | int) -> str:
    return format_number(value)


def diff(value: Fraction) -> str:
    text = n(abs(value))
    return text if text == "0,00" else ("+" if value > 0 else "−") + text


def row_after(cells: list[str], section: str, label: str, count: int) -> list[str]:
    """The ``count`` cells after the first ``label`` that follows the cell ``section``."""
    start = cells.index(section)
    at = cells.index(label, start)
    return cells[at + 1 : at + 1 + count]


# -- the LKE appendix ----------------------------------------------------------------------


def test_every_item_and_input_is_listed_with_its_text(complete: Rendered) -> None:
    cells, flat = complete.cells(), complete.flat()
    definition = complete.data.definition
    for item in definition.items.values():
        assert item.id in cells, item.id
        assert " ".join(item.text.split()) in flat, item.id
        for field in item.inputs:
            assert field.id in cells, field.id


def _windows(r: Rendered) -> dict[str, list[str]]:
    """Each item's and input's row in the appendix: the cells up to the next id."""
    cells = r.cells()
    ids = set(r.data.definition.items) | set(r.data.definition.inputs)
    start = cells.index("Lampiran 1. Lembar Kerja Evaluasi (LKE)")
    end = cells.index("Lampiran 2. Indeks bukti dukung")
    at = [i for i in range(start, end) if cells[i] in ids]
    return {cells[i]: cells[i + 1 : j] for i, j in zip(at, [*at[1:], end], strict=True)}


def test_appendix_rows_show_both_answers_value_and_note(complete: Rendered) -> None:
    windows = _windows(complete)
    view = complete.data.view
    result = complete.data.result
    for item in complete.data.definition.items.values():
        if not item.type.is_choice:
            continue
        row = windows[item.id]
        unit, tpi, value = (
            view.value("unit", item.id),
            view.value("tpi", item.id),
            result.values[item.id],
        )
        assert unit in row and tpi in row, item.id
        assert value is not None and n(value) in row, item.id
    for changed in TPI_CHANGES:
        assert f"Catatan TPI untuk {changed}: bukti belum memadai." in " ".join(windows[changed])


def test_percentage_items_show_the_computed_percentage_and_inputs(complete: Rendered) -> None:
    windows = _windows(complete)
    view, definition = complete.data.view, complete.data.definition
    for item in definition.items.values():
        if item.type is not ItemType.PERCENT:
            continue
        row = windows[item.id]
        assert any(cell.startswith("Persentase = ") for cell in row), item.id
        for tier in ("unit", "tpi"):
            value = view.scores[tier].values[item.id]
            assert value is not None
            assert f"{n(value * 100)}%" in row, (item.id, tier)
        for field in item.inputs:
            counts = windows[field.id]
            for tier in ("unit", "tpi"):
                assert f"{int(str(view.value(tier, field.id))):,}".replace(",", ".") in counts


# -- score summary -----------------------------------------------------------------------


def _summary_rows(r: Rendered) -> list[tuple[str, str, Fraction, Fraction, Fraction]]:
    """(section, label, weight, unit nilai, tpi nilai) for every row of the summary table."""
    d, u, t = r.data.definition, r.data.unit_result, r.data.tpi_result
    rows = []
    for aspect, section, total in (
        (d.pemenuhan, "A. Pengungkit — I. Pemenuhan", "Jumlah pemenuhan"),
        (d.reform, "A. Pengungkit — II. Reform", "Jumlah reform"),
    ):
        for area in aspect.children:
            label = f"{area.area}. {AREA_NAMES[area.area or 0]}"
            rows.append((section, label, area.weight, u.nodes[area.id], t.nodes[area.id]))
        rows.append((section, total, aspect.weight, u.nodes[aspect.id], t.nodes[aspect.id]))
    section = "A. Pengungkit — per area (pemenuhan + reform)"
    for number, combined in t.areas.items():
        label = f"{number}. {AREA_NAMES[number]}"
        rows.append((section, label, combined.weight, u.areas[number].total, combined.total))
    rows.append((section, "Jumlah pengungkit", Fraction(60), u.pengungkit, t.pengungkit))
    rows.append(("B. Hasil", "Jumlah hasil", Fraction(40), u.hasil, t.hasil))
    rows.append(("B. Hasil", "NILAI EVALUASI ZI (TOTAL)", Fraction(100), u.total, t.total))
    return rows


def test_summary_numbers_equal_the_scoring_engine(complete: Rendered, draft: Rendered) -> None:
    for report in (complete, draft):
        cells = report.cells()
        for section, label, weight, unit, tpi in _summary_rows(report):
            expected = [n(weight), n(unit), n(tpi), n(tpi * 100 / weight) + "%", diff(tpi - unit)]
            assert row_after(cells, section, label, 5) == expected, label


def test_totals_are_the_engines(complete: Rendered, report_ws: Workspace) -> None:
    scores = report_ws.open_assessment(COMPLETE_UNIT).scores
    cells = complete.cells()
    total = row_after(cells, "B. Hasil", "NILAI EVALUASI ZI (TOTAL)", 3)
    assert total == ["100,00", n(scores["unit"].total), n(scores["tpi"].total)]


def test_hasil_shows_surveys_with_respondents_and_source(complete: Rendered) -> None:
    flat = complete.flat()
    start = flat.index("Hasil: survei dan capaian kinerja")
    for kind, item, tpi_index in (("IPAK", "B.I.a", "3,65"), ("IPKP", "B.II.a", "3,40")):
        unit_index = format_number(Fraction(complete.data.view.value("unit", item) or 0))
        row = f"{kind} {unit_index} {tpi_index} 380 Semester II 2026 Inspektorat Daerah"
        assert row in flat[start:], kind
    assert "Capaian kinerja (B.I.b)" in flat


# -- verdicts ------------------------------------------------------------------------------


def _labels() -> dict[str, str]:
    out = {f"area_{k}": f"Area {k}: {v}" for k, v in AREA_NAMES.items()}
    out.update(
        total="Nilai total",
        pengungkit="Pengungkit",
        bersih_akuntabel="Birokrasi yang bersih dan akuntabel (B.I)",
        ipak="IPAK",
        capaian_kinerja="Capaian kinerja",
        pelayanan_prima="Pelayanan publik yang prima (B.II)",
        predikat_wbk="Telah meraih predikat Menuju WBK",
    )
    return out


def _check_verdicts(r: Rendered, result: ScoreResult) -> None:
    cells, labels = r.cells(), _labels()
    for predikat, verdict in result.verdicts.items():
        section = cells[cells.index("III. SIMPULAN") :]
        heading = next(c for c in section if c.startswith(f"Menuju {predikat}:"))
        status = {
            "eligible": "MEMENUHI SYARAT",
            "not_eligible": "TIDAK MEMENUHI SYARAT",
            "incomplete": "BELUM DAPAT DITENTUKAN (BELUM LENGKAP)",
        }[verdict.status]
        assert heading == f"Menuju {predikat}: {status}"
        for c in verdict.conditions:
            actual, required, mark = row_after(cells, heading, labels[c.code], 3)
            assert mark == ("✓" if c.passed else "✗"), (predikat, c.code)
            if isinstance(c.actual, Fraction):
                assert isinstance(c.required, Fraction)
                assert actual.split(" ")[0] in (n(c.actual), format_number(c.actual, 6))
                assert required.startswith("≥ " + n(c.required)), (predikat, c.code)
            else:
                assert required == "Menuju WBK"


def test_verdict_conditions_match_the_engine(complete: Rendered, draft: Rendered) -> None:
    _check_verdicts(complete, complete.data.result)
    _check_verdicts(draft, draft.data.result)
    assert len(complete.data.result.verdicts["WBBM"].conditions) == 13


def test_incomplete_assessment_lists_what_is_missing(draft: Rendered) -> None:
    missing = draft.data.result.missing
    assert missing
    flat = draft.flat()
    assert f"{len(missing)} jawaban belum diisi, sehingga predikat belum dapat ditentukan:" in flat
    for node in missing:
        assert node in flat


# -- every page ------------------------------------------------------------------------------


def test_draft_mark_on_every_page_of_an_incomplete_assessment(draft: Rendered) -> None:
    assert not draft.data.complete and draft.data.draft_reason == "incomplete"
    assert all(DRAFT_MARK in text for text in draft.texts())


def test_complete_but_not_approved_assessment_is_a_draft(complete: Rendered) -> None:
    """Nothing is approved before the review chain exists: a complete LHE is still a draft."""
    assert complete.data.complete and not complete.data.approved
    assert all(NOT_APPROVED_MARK in text for text in complete.texts())
    assert not any(DRAFT_MARK in text for text in complete.texts())


def test_approved_complete_assessment_has_no_draft_mark(complete: Rendered) -> None:
    final = rendered(replace(complete.data, approved=True))
    assert final.data.draft_reason == ""
    assert not any("DRAF" in text for text in final.texts())
    assert final.pages == complete.pages


def test_an_incomplete_assessment_stays_a_draft_when_approved(draft: Rendered) -> None:
    still = rendered(replace(draft.data, approved=True))
    assert all(DRAFT_MARK in text for text in still.texts())


def test_header_and_footer_on_every_page(complete: Rendered) -> None:
    texts = complete.texts()
    printed = readable(complete.data.fingerprint)
    for number, text in enumerate(texts, 1):
        if number > 1:  # the first page has the kop surat instead of the running header
            assert f"({COMPLETE_UNIT})" in text
            assert "Periode 2026" in text
        assert f"Halaman {number} dari {len(texts)}" in text
        assert f"Sidik jari {printed}" in text
    assert "Periode 2026" not in texts[0]


def test_fingerprint_is_the_services_fingerprint(complete: Rendered, report_ws: Workspace) -> None:
    fingerprint = assessment_fingerprint(report_ws.open_assessment(COMPLETE_UNIT))
    assert complete.data.fingerprint == fingerprint
    cover = " ".join(complete.texts()[0].split())
    grouped = " ".join(fingerprint.upper()[i : i + 4] for i in range(0, 64, 4))
    assert grouped in cover
    assert (
        complete.data.qr_payload() == f"ZI:{COMPLETE_UNIT}:2026:permenpanrb-90-2021:{fingerprint}"
    )


# -- cover, identity, signatures, evidence -----------------------------------------------------


def test_first_page_is_the_letter(complete: Rendered) -> None:
    first = " ".join(complete.texts()[0].split())
    unit = complete.data.view.unit
    for text in (
        unit.instansi_name.upper(),
        "TIM PENILAI INTERNAL (TPI)",  # the kop surat without settings
        "Nomor : ……/LHE-ZI/RSUD-002/XI/2026",
        f"{PLACE}, 23 November 2026",
        "Lampiran : 2 (dua) berkas",
        "Hal : Laporan Hasil Evaluasi Pembangunan Zona Integritas Menuju WBK/WBBM pada "
        "RSUD Sukamaju",
        "Yth. Pimpinan RSUD Sukamaju di Tempat",
        "LAPORAN HASIL EVALUASI PEMBANGUNAN ZONA INTEGRITAS MENUJU WBK/WBBM",
        "RSUD Sukamaju — Tahun 2026",
        "I. PENDAHULUAN",
    ):
        assert text in first, text


def test_chapters_in_order_with_introduction(complete: Rendered) -> None:
    flat = complete.flat()
    chapters = [
        "I. PENDAHULUAN",
        "A. Dasar evaluasi",
        "B. Tim evaluasi",
        "C. Periode dan waktu evaluasi",
        "D. Ruang lingkup",
        "E. Metode evaluasi",
        "II. HASIL EVALUASI",
        "III. SIMPULAN",
        "IV. REKOMENDASI",
        "V. PENUTUP",
        "Lampiran 1. Lembar Kerja Evaluasi (LKE)",
        "Lampiran 2. Indeks bukti dukung",
    ]
    at = [flat.index(c) for c in chapters]
    assert at == sorted(at)
    assert (
        "1. Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 "
        in flat
    )
    assert "2. Surat Tugas Nomor …………………… tanggal ……………………." in flat  # not set: to fill in
    assert "dilaksanakan pada tanggal 23 November 2026" in flat
    unit = complete.data.view.unit
    assert unit.address in flat and unit.head in flat
    assert "Demikian laporan hasil evaluasi ini kami sampaikan." in flat


def test_conclusion_states_the_total_and_both_verdicts(complete: Rendered, draft: Rendered) -> None:
    total = n(complete.data.result.total)
    flat = complete.flat()
    assert f"Nilai evaluasi ZI RSUD Sukamaju (Evaluasi TPI) adalah {total} dari 100." in flat
    assert complete.data.result.verdicts["WBK"].status == "eligible"
    assert (
        "RSUD Sukamaju memenuhi syarat Menuju WBK dan dapat diusulkan kepada Tim Penilai " in flat
    )
    assert "Menuju WBK: MEMENUHI SYARAT" in flat and "Menuju WBBM: TIDAK MEMENUHI SYARAT" in flat
    assert "Predikat belum dapat ditentukan selama masih ada jawaban" in draft.flat()


def test_team_and_signatures_with_nip(complete: Rendered) -> None:
    flat = complete.flat()
    team = complete.data.team
    assert len(team) == 3  # the evaluator's own profile is listed once
    for member in team:
        assert member.nip in flat  # identity table
        nip = member.nip
        assert f"NIP {nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" in flat  # signature block
    assert f"{PLACE}, 23 November 2026" in flat
    for role in ("Pengendali teknis", "Ketua tim", "Anggota tim"):
        assert role in complete.cells()
    # the review chain's order: prepared (anggota), reviewed (ketua), approved (dalnis)
    signed = flat[flat.rindex("Disusun oleh,") :]
    steps = [signed.index(t) for t in ("Disusun oleh,", "Direviu oleh,", "Disetujui oleh,")]
    assert steps == sorted(steps)
    names = [signed.index(m.name) for m in sorted(team, key=lambda m: m.role != "anggota")]
    assert names[0] < min(names[1:])  # the anggota prepared it
    assert signed.count("Tanggal: ……………………") == 3  # nobody has signed yet


def test_recommendations_per_area(complete: Rendered, draft: Rendered) -> None:
    for area in range(1, 7):
        assert f"Rekomendasi area {area}: tingkatkan bukti." in complete.flat()
    assert "Perkuat pengendalian gratifikasi dan tindak lanjut WBS." in draft.flat()
    assert draft.flat().count("Belum ada rekomendasi.") == 5


def test_evidence_index_lists_every_file_with_its_hash(draft: Rendered) -> None:
    cells = draft.cells()
    start = cells.index("Lampiran 2. Indeks bukti dukung")
    listed = cells[start:]
    view = draft.data.view
    assert view.evidence
    for e in view.evidence:
        assert e.file_name in listed
        assert e.sha256[:32] in listed and e.sha256[32:] in listed
    for s in view.surveys:
        if s.report_sha256:
            assert f"Laporan survei {s.kind}" in listed
            assert s.report_sha256[:32] in listed
    assert draft.data.view.unit.code == DRAFT_UNIT
