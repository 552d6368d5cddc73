"""The shared model. Importing this package registers every table on ``Base.metadata``."""

from dashboard.model.base import Base
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
    Party,
    PlanApproval,
    PlanMeasure,
    PlanVersion,
)

__all__ = [
    "Activity",
    "ActivityResponsible",
    "Base",
    "BudgetFrame",
    "BudgetLine",
    "Deliverable",
    "DeliverableResponsible",
    "FocusArea",
    "Handover",
    "LoadLog",
    "Partnership",
    "Party",
    "PlanApproval",
    "PlanMeasure",
    "PlanVersion",
]
