"""Who owns what the working group edits (DESIGN.md §6): a deliverable belongs to the parties
responsible for it, lead or co-responsible; an activity's registered figures to the
activity's parties; a figure no activity is responsible for to the whole working group. A
party covers its units (KK covers SOF, SOF covers BBU Amager). The secretariat (admin) owns
everything. Only the plan revision in force may be edited: older ones are history.

Every write acts in one partnership (the one the page's URL names, membership checked by the
guard before the service): an object of another partnership is refused exactly as an
unknown id, whoever asks, the global administrator included."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import (
    Activity,
    Deliverable,
    DeliverableResponsible,
    Partnership,
    PartnershipPeriod,
    Party,
    PlanVersion,
    Target,
)
from dashboard.roles import ADMIN_ROLES, EDIT_ROLES
from dashboard.services.errors import InvalidEdit, NotAllowed


def is_admin(user) -> bool:
    return getattr(user, "role", None) in ADMIN_ROLES


def covers(user_party_id: int | None, parties: Iterable[Party]) -> bool:
    """Whether the user's party is one of ``parties`` or an organisation above one of them."""
    if user_party_id is None:
        return False
    for party in parties:
        while party is not None:
            if party.id == user_party_id:
                return True
            party = party.parent
    return False


def owns_deliverable(user, responsible: Iterable[Party]) -> bool:
    """The one rule for who may edit a deliverable the ``responsible`` parties answer for: an
    active arbejdsgruppe/admin user who is the secretariat or whose party covers one of them.
    The service refuses by it and /leverancer shows "Ret" by it."""
    if getattr(user, "role", None) not in EDIT_ROLES:
        return False
    return is_admin(user) or covers(user.party_id, responsible)


def editable_deliverables(session: Session, user, plan_version_id: int) -> frozenset[int]:
    """The ids of the plan revision's deliverables ``user`` may edit (``owns_deliverable``);
    none of a superseded revision."""
    if getattr(user, "role", None) not in EDIT_ROLES:
        return frozenset()
    version = session.get(PlanVersion, plan_version_id)
    if version is None or revision_in_force(session, version.partnership_id) != version.id:
        return frozenset()
    return _deliverables_where(
        session, plan_version_id, lambda found: owns_deliverable(user, found)
    )


def party_deliverables(session: Session, party_id: int | None, plan_version_id: int):
    """The ids of the plan revision's deliverables ``party_id`` answers for, itself or through
    one of its units (``covers``): the working group's "Mine leverancer"."""
    if party_id is None:
        return frozenset()
    return _deliverables_where(session, plan_version_id, lambda found: covers(party_id, found))


def _deliverables_where(session: Session, plan_version_id: int, rule) -> frozenset[int]:
    """The ids of the revision's deliverables whose responsible parties pass ``rule``."""
    links = session.execute(
        select(Deliverable.id, DeliverableResponsible.party_id)
        .join(Activity, Deliverable.activity_id == Activity.id)
        .outerjoin(DeliverableResponsible, DeliverableResponsible.deliverable_id == Deliverable.id)
        .where(Activity.plan_version_id == plan_version_id)
    ).all()
    # Every party at once (a few dozen): ``covers`` then walks up to the organisations
    # through the session's identity map, without a query per party.
    by_id = {party.id: party for party in session.scalars(select(Party))}
    parties: dict[int, list[Party]] = {}
    for deliverable_id, party_id in links:
        found = parties.setdefault(deliverable_id, [])
        if party_id is not None:
            found.append(by_id[party_id])
    return frozenset(i for i, found in parties.items() if rule(found))


def editable_deliverable(
    session: Session, user, deliverable_id: int, *, partnership_id: int
) -> Deliverable:
    """The deliverable ``user`` is about to edit in partnership ``partnership_id``.

    Refuses (``InvalidEdit``) an unknown deliverable or one of another partnership (in the
    same words) or of a superseded revision, and (``NotAllowed``) one the user does not own
    (``owns_deliverable``)."""
    deliverable = session.get(Deliverable, deliverable_id)
    found = plan_partnership(session, deliverable.activity.plan_version_id) if deliverable else None
    require_partnership(found, partnership_id, "Leverancen")
    require_deliverable_owner(session, user, deliverable)
    return deliverable


def may_edit_deliverable(session: Session, user, deliverable_id: int, *, partnership_id: int):
    """Whether ``editable_deliverable`` would let ``user`` edit it: what a form shows."""
    try:
        editable_deliverable(session, user, deliverable_id, partnership_id=partnership_id)
    except (InvalidEdit, NotAllowed):
        return False
    return True


def require_deliverable_owner(session: Session, user, deliverable: Deliverable) -> None:
    """Refuse (``NotAllowed``) a user whose party is not responsible for ``deliverable``, and
    (``InvalidEdit``) any edit of a deliverable of a superseded plan revision."""
    require_revision_in_force(session, deliverable.activity.plan_version_id)
    if not owns_deliverable(user, [link.party for link in deliverable.responsible]):
        raise NotAllowed(
            "Leverancen hører til en anden aktør. Du kan ændre leverancer, din egen "
            "organisation er ansvarlig eller medansvarlig for."
        )


def require_figure_owner(session: Session, user, indicator_id: int, partnership_id: int) -> None:
    """Refuse (``NotAllowed``) a figure measured for activities of the partnership's plan
    revision in force none of whose parties is the user's."""
    if is_admin(user):
        return
    activities = session.scalars(
        select(Activity)
        .join(Target, Target.activity_id == Activity.id)
        .where(
            Target.indicator_id == indicator_id,
            Activity.plan_version_id == revision_in_force(session, partnership_id),
        )
    ).all()
    if not activities:
        return  # measured for no one activity: the whole working group's
    parties = [link.party for activity in activities for link in activity.responsible]
    if not covers(user.party_id, parties):
        raise NotAllowed(
            "Tallet måles for en aktivitet, som en anden aktør er ansvarlig for. Du kan "
            "registrere tal for din egen organisations aktiviteter."
        )


def revision_in_force(session: Session, partnership_id: int) -> int | None:
    """The id of the partnership's newest plan revision (highest year, then revision)."""
    return session.scalar(
        select(PlanVersion.id)
        .where(PlanVersion.partnership_id == partnership_id)
        .order_by(PlanVersion.year.desc(), PlanVersion.revision.desc(), PlanVersion.id.desc())
        .limit(1)
    )


def stated_period(session: Session, plan_version_id: int | None) -> tuple[int, int] | None:
    """The first and last year of the partnership period the plan states that holds the
    plan's year ("2017-2020"), None for an unknown plan or one that states none (a plan
    without a period runs on, as ``queries.period`` treats it)."""
    version = session.get(PlanVersion, plan_version_id) if plan_version_id else None
    if version is None:
        return None
    stated = PartnershipPeriod.holding(session, version.partnership_id, version.year)
    return None if stated is None else (stated.first_year, stated.last_year)


def period_start(session: Session, partnership_id: int) -> date | None:
    """The first day of the partnership period of the plan in force (of the plan's year when
    it states no period), None without a plan."""
    version_id = revision_in_force(session, partnership_id)
    if version_id is None:
        return None
    stated = stated_period(session, version_id)
    first = stated[0] if stated else session.get(PlanVersion, version_id).year
    return date(first, 1, 1)


def require_revision_in_force(session: Session, plan_version_id: int) -> None:
    version = session.get(PlanVersion, plan_version_id)
    if version is None or revision_in_force(session, version.partnership_id) != version.id:
        raise InvalidEdit(
            "Det, du vil ændre, hører til en ældre udgave af planen. Åbn siden igen for at "
            "se den gældende plan."
        )


def require_partnership(found_partnership_id: int | None, partnership_id: int, what: str) -> None:
    """Refuse (``InvalidEdit`` "<what> findes ikke.") an object that does not exist
    (``found_partnership_id`` None) or belongs to another partnership than the one the write
    acts in, in the same words, so that a refusal does not tell whether the id exists
    elsewhere."""
    if found_partnership_id is None or found_partnership_id != partnership_id:
        raise InvalidEdit(f"{what} findes ikke.")


def require_known_partnership(session: Session, partnership_id: int) -> None:
    """Refuse (``InvalidEdit``) a write into a partnership the installation does not have."""
    found = session.scalar(select(Partnership.id).where(Partnership.id == partnership_id))
    require_partnership(found, partnership_id, "Partnerskabet")


def plan_partnership(session: Session, plan_version_id: int | None) -> int | None:
    """The partnership a plan revision (and so its activities, deliverables, budget lines and
    handovers) belongs to; None for no revision."""
    if plan_version_id is None:
        return None
    return session.scalar(
        select(PlanVersion.partnership_id).where(PlanVersion.id == plan_version_id)
    )
