"""Walk-in screens: departments, their services, search, the basket of questions."""

from __future__ import annotations

from eenloket_wire.messages import DepartmentOut
from kiosk import catalogue as cat
from kiosk.qt import QHBoxLayout, Qt, QWidget
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
        keys_room = 4 * m.button_height + 3 * m.spacing
        keys_room = min(keys_room, m.controls_height * 6 // 10)
        results = model.search_results()
        if model.search_query and not results:
            self.text(self.t("search.none"), "notice")
        fit = m.rows_that_fit(m.button_height, keys_room + m.spacing)
        for found in results[:fit]:
            code = found.service.code
            self.add(self.button(cat.name(found.service, model.language),
                                 lambda c=code: model.choose_service(c)))  # type: ignore[misc]
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
        for code in model.basket:
            found = cat.find_service(model.catalogue, code) if model.catalogue else None
            name = cat.name(found.service, model.language) if found else code
            line = QHBoxLayout()
            line.setSpacing(m.spacing)
            text = label(f"• {name}")
            self.spoken.append(name)
            line.addWidget(text, 3)
            remove = self.button(self.t("basket.remove"),
                                 lambda c=code: model.remove_service(c),  # type: ignore[misc]
                                 icon="erase",
                                 accessible=self.t("basket.remove_named", service=name))
            line.addWidget(remove, 2)
            self.add(line)
        if model.can_add_another:
            self.add(self.button(self.t("basket.add"), model.add_another, icon="plus"))
        else:
            self.text(self.t("basket.full"), "hint", into=self.controls)
        give = self.button(self.t("basket.print"), model.print_walk_in, icon="printer",
                           role="primary", height=round(m.button_height * 1.3))
        give.setObjectName("print")
        self.add(give)
        self.controls.setAlignment(Qt.AlignmentFlag.AlignBottom)
