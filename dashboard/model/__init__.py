"""The shared model. Importing this package registers every table on ``Base.metadata``."""

from dashboard.model.base import Base
from dashboard.model.indicators import (
    Area,
    AreaAlias,
    Baseline,
    Indicator,
    Measurement,
    MeasurementChange,
    Target,
)
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
    "Area",
    "AreaAlias",
    "Base",
    "Baseline",
    "BudgetFrame",
    "BudgetLine",
    "Deliverable",
    "DeliverableResponsible",
    "FocusArea",
    "Handover",
    "Indicator",
    "LoadLog",
    "Measurement",
    "MeasurementChange",
    "Partnership",
    "Party",
    "PlanApproval",
    "PlanMeasure",
    "PlanVersion",
    "Target",
]
