"""The shared model. Importing this package registers every table on ``Base.metadata``."""

from dashboard.model.auth import LoginAttempt, LoginThrottle, User, UserSession
from dashboard.model.base import Base
from dashboard.model.bylivspulje import PoolApplication, PoolChange, PoolRecommendation
from dashboard.model.history import DeliverableChange
from dashboard.model.indicators import (
    Area,
    AreaAlias,
    Baseline,
    Indicator,
    Measurement,
    MeasurementChange,
    Target,
)
from dashboard.model.measurement_edits import MeasurementEdit
from dashboard.model.meetings import (
    AgendaItem,
    Decision,
    DecisionLink,
    Meeting,
    MeetingChange,
    MeetingNote,
)
from dashboard.model.notes import IndicatorNote, IndicatorNoteChange
from dashboard.model.plan import (
    Activity,
    ActivityResponsible,
    BudgetFrame,
    BudgetLine,
    Deliverable,
    DeliverableResponsible,
    FocusArea,
    Handover,
    LoadLog,
    Partnership,
    PartnershipPeriod,
    Party,
    PlanApproval,
    PlanMeasure,
    PlanVersion,
)
from dashboard.model.timeline import TimelineEvent
from dashboard.model.walks import Walk, WalkAction, WalkChange, WalkFinding, WalkFollowUp

__all__ = [
    "MeetingChange",
    "MeetingNote",
    "Meeting",
    "DecisionLink",
    "Decision",
    "AgendaItem",
    "Activity",
    "ActivityResponsible",
    "Area",
    "AreaAlias",
    "Base",
    "Baseline",
    "BudgetFrame",
    "BudgetLine",
    "Deliverable",
    "DeliverableChange",
    "DeliverableResponsible",
    "FocusArea",
    "Handover",
    "Indicator",
    "IndicatorNote",
    "IndicatorNoteChange",
    "LoadLog",
    "LoginAttempt",
    "LoginThrottle",
    "UserSession",
    "Measurement",
    "MeasurementChange",
    "MeasurementEdit",
    "Partnership",
    "PartnershipPeriod",
    "Party",
    "PoolApplication",
    "PoolChange",
    "PoolRecommendation",
    "PlanApproval",
    "PlanMeasure",
    "PlanVersion",
    "Target",
    "TimelineEvent",
    "User",
    "Walk",
    "WalkAction",
    "WalkChange",
    "WalkFinding",
    "WalkFollowUp",
]
