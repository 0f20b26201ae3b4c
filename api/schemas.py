"""Request and response bodies of the HTTP API (apart from core types)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, RootModel

MAX_TEXTS = 256
MAX_TEXT_CHARS = 100_000


class ClassifyRequest(BaseModel):
    texts: list[str] = Field(..., min_length=1, max_length=MAX_TEXTS,
                             description=f"1 to {MAX_TEXTS} texts, each at most {MAX_TEXT_CHARS} characters")


class Classification(BaseModel):
    text: str
    language: str
    labels: list[str] = Field(description="complaint labels, or ['other']")
    scores: dict[str, float] = Field(description="calibrated probability per complaint label")
    needs_review: bool
    evidence: dict[str, list[str]] = Field(description="phrases that drove each predicted label")
    truncated: bool


class ClassifyResponse(BaseModel):
    model: str
    results: list[Classification]


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[dict] = []


class ErrorResponse(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: str
    model: str
    encoder: str
    second_opinion: str | None = None  # the second model's encoder spec, when it runs (triage/second_opinion.py)


class Me(BaseModel):
    name: str = Field(description="the key's public name, e.g. key:1a2b3c4d or admin-key")
    role: Literal["agent", "analyst", "admin"]
    team: str | None


# -- tickets ------------------------------------------------------------------

MAX_TICKET_CHARS = 20_000
MAX_BULK = 500
Channel = Literal["review", "message", "email", "chat"]
Status = Literal["open", "pending", "resolved"]
Label = Literal["late_delivery", "damage", "wrong_item", "other"]


class Customer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(None, min_length=1, max_length=200)
    tier: str | None = Field(None, min_length=1, max_length=50, description="e.g. vip, gold; see urgency.toml")


class Order(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(None, min_length=1, max_length=200)
    value: float | None = Field(None, ge=0, le=1e9)
    currency: str | None = Field(None, pattern=r"^[A-Za-z]{3}$", description="ISO 4217 code, e.g. USD")
    ordered_at: AwareDatetime | None = None
    promised_by: AwareDatetime | None = None
    delivered_at: AwareDatetime | None = None
    carrier: str | None = Field(None, min_length=1, max_length=100)
    country: str | None = Field(None, min_length=1, max_length=50)
    sku: str | None = Field(None, min_length=1, max_length=200)


class TicketIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    external_id: str = Field(..., min_length=1, max_length=200, description="the ticket's id in your helpdesk")
    text: str = Field(..., min_length=1, max_length=MAX_TICKET_CHARS)
    subject: str | None = Field(None, max_length=1000)
    channel: Channel = "message"
    marketplace: str | None = Field(None, min_length=1, max_length=50, description="e.g. amazon, shopee")
    created_at: AwareDatetime | None = Field(None, description="when the buyer wrote (default: now)")
    customer: Customer | None = None
    order: Order | None = None


class BulkTicketsIn(RootModel[list[TicketIn]]):
    root: list[TicketIn] = Field(..., min_length=1, max_length=MAX_BULK)


class EvidenceOut(BaseModel):
    label: str
    field: Literal["subject", "text"]
    text: str
    start: int
    end: int


class SignalOut(BaseModel):
    signal: str
    field: Literal["subject", "text"]
    text: str
    start: int
    end: int


class ReasonOut(BaseModel):
    factor: str
    description: str
    points: float


class UrgencyOut(BaseModel):
    score: float = Field(ge=0, le=100)
    grade: int = Field(ge=0, le=3)
    reasons: list[ReasonOut]


class TicketOut(BaseModel):
    id: int
    external_id: str
    text: str
    subject: str | None
    channel: str
    marketplace: str | None
    created_at: datetime
    received_at: datetime
    updated_at: datetime
    customer: Customer
    order: Order
    language: str
    labels: list[str]
    model_labels: list[str] = Field(description="the labels the model gave, before any correction")
    scores: dict[str, float]
    needs_review: bool
    truncated: bool
    evidence: list[EvidenceOut]
    signals: list[SignalOut]
    team: str
    status: str
    assignee: str | None
    urgency: UrgencyOut
    response_deadline: datetime
    earlier_contacts: int
    cluster_id: str | None = Field(
        description="the root-cause cluster of the ticket's first complaint label (as corrected)")
    clusters: dict[str, str | None] = Field(
        description="complaint label -> root-cause cluster id (null: not assigned yet, in the outlier pool)")


class TicketList(BaseModel):
    items: list[TicketOut]


class QueuePage(BaseModel):
    items: list[TicketOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class TicketPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Status | None = None
    assignee: str | None = Field(None, max_length=200)
    labels: list[Label] | None = Field(None, min_length=1, max_length=4, description="corrected labels")


class FeedbackOut(BaseModel):
    id: int
    ticket_id: int
    labels_before: list[str]
    labels_after: list[str]
    author: str
    created_at: datetime
    text: str
    language: str


class FeedbackPage(BaseModel):
    items: list[FeedbackOut]
    next_cursor: str | None


class KeyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["agent", "analyst", "admin"]
    team: str | None = Field(None, min_length=1, max_length=100)
    name: str | None = Field(None, max_length=200)


class KeyCreated(BaseModel):
    key: str
    role: str
    team: str | None


class WeekFigures(BaseModel):
    week: str = Field(description="the week's Monday, YYYY-MM-DD")
    tickets: int
    complaints: int
    labels: dict[str, int]
    complaint_rate: float
    orders: int = Field(description="distinct order ids among the week's tickets")
    defective_orders: int = Field(description="of those, orders with at least one complaint ticket")
    order_defect_rate: float | None


class WeeklyStats(BaseModel):
    weeks: list[WeekFigures]


# -- root-cause clusters ----------------------------------------------------------

ComplaintLabel = Literal["late_delivery", "damage", "wrong_item"]


class WeekCount(BaseModel):
    week: str = Field(description="the week's Monday, YYYY-MM-DD")
    count: int


class ClusterExample(BaseModel):
    ticket_id: int
    text: str = Field(description="the ticket's text (first 300 characters)")
    language: str


class ClusterOut(BaseModel):
    id: str = Field(description="stable across refits, e.g. dmg-004")
    label: str
    name: str = Field(description="the analyst's name, else the plain name of its root cause(s)")
    causes: list[str] = Field(description="LABELS.md root causes routed here (several after a merge)")
    origin: Literal["cause", "merge", "split", "pool"]
    size: int = Field(description="complaints in the cluster")
    share: float = Field(description="size / all complaints of the label (assigned or not)")
    weekly: list[WeekCount] = Field(description="complaints per week (ticket created_at), the last 12 weeks")
    keywords: dict[str, list[str]] = Field(description="language -> top words, from a sample of members")
    examples: list[ClusterExample] = Field(description="closest to the centre, one per language present first")


class LiftRow(BaseModel):
    value: str
    count: int = Field(description="complaints of the cluster with this value")
    lift: float = Field(description="share of the cluster among the label's complaints with this value / overall")


class ClusterDetail(ClusterOut):
    lift: dict[str, list[LiftRow]] = Field(
        description="sku, carrier, country, marketplace -> over-represented values (at least 5 complaints)")


class ClusterList(BaseModel):
    items: list[ClusterOut]


class ClusterRename(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., min_length=1, max_length=200, pattern=r"\S", description="the cluster's new name")


class ClusterMerge(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ids: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        ..., min_length=2, max_length=50, description="clusters of one label; the first keeps its id")
    name: str | None = Field(None, min_length=1, max_length=200, pattern=r"\S")


class ClusterSplit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    parts: int = Field(2, ge=2, le=6, description="how many clusters to make (k-means on the members' vectors)")


class RefitResult(BaseModel):
    clusters: int
    unassigned_share: float = Field(description="share of complaints left in the outlier pool")
