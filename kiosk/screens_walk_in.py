"""Walk-in screens: departments, their services, search, the basket of questions."""

from __future__ import annotations

from eenloket_wire.messages import DepartmentOut
from kiosk import catalogue as cat
from kiosk.qt import QGridLayout, QWidget
from kiosk.screens import ScreenView
from kiosk.widgets import SEARCH_KEYS, keyboard, label, row


class DepartmentsScreen(ScreenView):
    def build(self) -> None:
        model, m = self.view.model, self.view.metrics
        if model.catalogue is None:
            return
        self.title(self.t("departments.title"))
        language = model.language
        reserved = m.button_height + m.spacing
        rows = m.rows_that_fit(m.tile_height, reserved)

        def tile(department: DepartmentOut) -> QWidget:
            return self.button(cat.name(department, language),
                               lambda: model.choose_department(department.code),
                               icon=department.pictogram, vertical=True, height=m.tile_height)

        departments = model.catalogue.departments
        # Leave a row for paging when the tiles need more than one page.
        if len(departments) > rows * m.tile_columns:
            rows = m.rows_that_fit(m.tile_height, 2 * reserved)
        self.paged(departments, rows * m.tile_columns, tile, columns=m.tile_columns)
        other = self.button(f"{self.t('departments.other')}\n{self.t('departments.other_hint')}",
                            model.choose_general, icon="question", role="primary")
        search = self.button(self.t("departments.search"), model.open_search, icon="search")
        layout = row(other, search, spacing=m.spacing)
        layout.setStretch(0, 2)
        layout.setStretch(1, 1)
        self.add(layout)


class ServicesScreen(ScreenView):
    def build(self) -> None:
        model, m = self.view.model, self.view.metrics
        department = (cat.find_department(model.catalogue, model.department or "")
                      if model.catalogue else None)
        if department is None:
            return
        language = model.language
        self.title(cat.name(department, language))
        self.text(self.t("services.title"))
        rows = m.rows_that_fit(m.button_height)
        if len(department.services) > rows:
            rows = m.rows_that_fit(m.button_height, m.button_height + m.spacing)

        def choice(code: str, name: str, required: bool) -> QWidget:
            text = f"{name}\n({self.t('services.appointment_needed')})" if required else name
            return self.button(text, lambda: model.choose_service(code),
                               icon="calendar" if required else "")

        self.paged(department.services, rows,
                   lambda s: choice(s.code, cat.name(s, language), s.appointment == "required"))


class SearchScreen(ScreenView):
    def build(self) -> None:
        model, m = self.view.model, self.view.metrics
        self.title(self.t("search.title"))
        self.text(self.t("search.hint"), "hint")
        query = label(self.t("search.query", query=model.search_query) if model.search_query
                      else "…", "code", wrap=False)
        self.info.addWidget(query)
        room = m.controls_height
        key_height = max(m.min_target, min(m.button_height, (room * 6 // 10 - 3 * m.spacing) // 4))
        keys_room = 4 * key_height + 3 * m.spacing
        results = model.search_results()
        if model.search_query and not results:
            self.text(self.t("search.none"), "notice")
        # Results get what the keyboard leaves; a result is never lower than one line of text.
        results_room = room - keys_room - m.spacing
        lowest = max(m.min_target, round(m.text_px * 1.4) + m.spacing)
        fit = max(1, (results_room + m.spacing) // (m.button_height + m.spacing))
        shown = results[:fit]
        height = max(lowest, min(m.button_height,
                                 (results_room - (len(shown) - 1) * m.spacing)
                                 // max(1, len(shown))))
        for found in shown:
            code = found.service.code
            self.add(self.button(cat.name(found.service, model.language),
                                 lambda c=code: model.choose_service(c),  # type: ignore[misc]
                                 height=height))
        self.add(keyboard(
            self.view, SEARCH_KEYS,
            lambda char: lambda: model.set_search(model.search_query + char.lower()),
            lambda: model.set_search(model.search_query[:-1]),
            space=lambda: model.set_search(model.search_query + " "), room=keys_room,
        ))


class NeedsAppointmentScreen(ScreenView):
    def build(self) -> None:
        model = self.view.model
        found = (cat.find_service(model.catalogue, model.refused_service or "")
                 if model.catalogue else None)
        name = cat.name(found.service, model.language) if found else ""
        self.title(self.t("needs.title"))
        self.text(self.t("needs.body", service=name, site=model.config.booking_hint), "notice")
        self.text(self.t("needs.general"))
        self.add(self.button(self.t("answer.general"), model.choose_general, icon="help",
                             role="primary"))


class BasketScreen(ScreenView):
    def build(self) -> None:
        model, m = self.view.model, self.view.metrics
        self.title(self.t("basket.title"))
        self.text(self.t("basket.intro"))
        if not model.can_add_another:
            self.text(self.t("basket.full"), "hint")
        give_height = m.button_height if model.modes.low_reach else round(m.button_height * 1.3)
        columns = 1 if m.tile_columns == 2 else 2
        lines = -(-len(model.basket) // columns)
        room = m.controls_height - give_height - (m.button_height + 2 * m.spacing)
        line_height = max(m.min_target, min(m.button_height, room // max(1, lines) - m.spacing))
        items = QGridLayout()
        items.setSpacing(m.spacing)
        for index, code in enumerate(model.basket):
            found = cat.find_service(model.catalogue, code) if model.catalogue else None
            name = cat.name(found.service, model.language) if found else code
            self.spoken.append(name)
            place = (index // columns, 2 * (index % columns))
            items.addWidget(label(f"• {name}"), *place)
            remove = self.button(self.t("basket.remove"),
                                 lambda c=code: model.remove_service(c),  # type: ignore[misc]
                                 icon="erase", height=line_height,
                                 accessible=self.t("basket.remove_named", service=name))
            items.addWidget(remove, place[0], place[1] + 1)
        for column in range(2 * columns):
            items.setColumnStretch(column, 3 if column % 2 == 0 else 2)
        self.add(items)
        if model.can_add_another:
            self.add(self.button(self.t("basket.add"), model.add_another, icon="plus"))
        give = self.button(self.t("basket.print"), model.print_walk_in, icon="printer",
                           role="primary", height=give_height)
        give.setObjectName("print")
        self.add(give)
