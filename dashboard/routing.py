"""How a path finds its Dash page: the pages' entries in the routing table (``DashPage``)
and werkzeug's URL map over them, so that ``/p/<slug>/…`` matches the way Flask's own routes
do. The table itself, ``DASH_PAGES``, is in ``dashboard.app``."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule

from dashboard.roles import READ_ROLES
from dashboard.urls import partnership_path


@dataclass(frozen=True)
class DashPage:
    """A Dash page: its module gives ``PATH``, ``TITLE``, ``layout()`` and, if it has any,
    ``register_callbacks(app)``. ``public`` pages answer anyone; the others need one of
    ``roles`` (the navbar links them only for those roles)."""

    module: ModuleType
    public: bool = False
    in_nav: bool = True
    roles: tuple[str, ...] = READ_ROLES

    @property
    def path(self) -> str:
        return self.module.PATH

    @property
    def label(self) -> str:
        """The navbar's word for the page: its ``NAV_LABEL`` if shorter than its title."""
        return getattr(self.module, "NAV_LABEL", self.module.TITLE)

    def url(self, slug: str | None) -> str:
        """The page's URL in partnership ``slug`` (public pages have no partnership)."""
        return self.path if self.public or slug is None else partnership_path(slug, self.path)


@dataclass(frozen=True)
class PageMatch:
    """A path's Dash page; ``slug`` is the partnership of ``/p/<slug>/…``, None on an
    unprefixed URL (a public page, or an internal page's old address)."""

    page: DashPage
    slug: str | None


class PageRouter:
    """Finds the Dash page of a path (werkzeug's URL map, so ``/p/<slug>/…`` matches the same
    way Flask's own routes do). Internal pages answer under a partnership and, for the old
    links, without one."""

    def __init__(self, pages: tuple[DashPage, ...]):
        self._pages = {page.path: page for page in pages}
        rules = [Rule(page.path, endpoint=page.path) for page in pages]
        rules += [
            Rule(partnership_path("<slug>", page.path), endpoint=page.path)
            for page in pages
            if not page.public
        ]
        self._map = Map(rules)

    def match(self, path: str | None) -> PageMatch | None:
        try:
            endpoint, arguments = self._map.bind("").match(path or "/")
        except HTTPException:  # no such page (or a redirect werkzeug would suggest)
            return None
        return PageMatch(self._pages[endpoint], arguments.get("slug"))
