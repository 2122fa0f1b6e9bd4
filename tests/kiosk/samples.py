"""Small catalogues and tickets for tests that need no server."""

from __future__ import annotations

from datetime import UTC, datetime

from eenloket_wire.messages import CatalogueOut, DepartmentOut, ServiceOut, TicketOut


def service(code: str, name_nl: str, name_en: str, appointment: str = "no",
            skill: str = "algemeen") -> ServiceOut:
    return ServiceOut(code=code, name_nl=name_nl, name_en=name_en, skill=skill,
                      appointment=appointment, expected_wait_minutes=7.0)


def sample_catalogue(open_: bool = True) -> CatalogueOut:
    burgerzaken = DepartmentOut(
        code="burgerzaken", name_nl="Burgerzaken", name_en="Civil affairs", letter="B",
        pictogram="passport", services=[
            service("paspoort-aanvragen", "Paspoort aanvragen", "Apply for passport",
                    "required", "reisdocumenten"),
            service("verhuizing-doorgeven", "Verhuizing doorgeven", "Report a move",
                    "optional"),
            service("rijbewijs-ophalen", "Rijbewijs ophalen", "Collect driving licence"),
        ])
    parkeren = DepartmentOut(
        code="parkeren", name_nl="Parkeren", name_en="Parking", letter="P", pictogram="car",
        services=[service("bezoekersparkeren", "Bezoekersparkeren", "Visitor parking")])
    algemeen = DepartmentOut(
        code="algemeen", name_nl="Overige vragen", name_en="Other questions", letter="A",
        pictogram="question", services=[
            service("andere-vraag-weet-ik-niet", "Andere vraag / weet ik niet",
                    "Other question / I don't know"),
        ])
    # Enough departments and services that tiles and lists need pages in the tight modes.
    extra = [
        DepartmentOut(code=code, name_nl=nl, name_en=en, letter=letter, pictogram=picture,
                      services=[service(f"{code}-vraag", f"Vraag over {nl.lower()}",
                                        f"Question about {en.lower()}")])
        for code, nl, en, letter, picture in (
            ("belastingen", "Belastingen", "Taxes", "F", "coins"),
            ("afval", "Afval", "Waste", "W", "bin"),
            ("vergunningen", "Vergunningen", "Permits", "V", "house"),
            ("sociaal", "Zorg, werk en inkomen", "Care, work and income", "S", "hands"),
        )
    ]
    burgerzaken.services.extend(
        service(f"burgerzaken-{n}", f"Uittreksel of verklaring nummer {n}",
                f"Extract or certificate number {n}") for n in range(1, 8))
    return CatalogueOut(location="kreupelstraat", location_name="Kreupelstraat", open=open_,
                        departments=[burgerzaken, parkeren, *extra, algemeen])


def sample_ticket(number: str = "B001", language: str = "nl", position: int = 3,
                  wait: float | None = 12.0, note: str = "",
                  appointment_at: datetime | None = None) -> TicketOut:
    return TicketOut(
        visit_id=1, ticket=number, location="kreupelstraat", location_name="Kreupelstraat",
        services=[service("verhuizing-doorgeven", "Verhuizing doorgeven", "Report a move")],
        language=language, checked_in_at=datetime(2025, 3, 4, 9, 0, tzinfo=UTC),
        appointment_at=appointment_at, position=position, expected_wait_minutes=wait,
        status_url="http://127.0.0.1:8000/v/abc", note=note,
    )
