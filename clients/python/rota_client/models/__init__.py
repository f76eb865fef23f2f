"""Contains all the data models used in inputs/outputs"""

from .absence_data import AbsenceData
from .absence_in import AbsenceIn
from .absence_list import AbsenceList
from .absence_out import AbsenceOut
from .agent_figures import AgentFigures
from .agent_report import AgentReport
from .agent_report_data import AgentReportData
from .agent_state import AgentState
from .agents_report_format_type_0 import AgentsReportFormatType0
from .api_key_created import ApiKeyCreated
from .api_key_in import ApiKeyIn
from .api_key_in_scopes_type_0_item import ApiKeyInScopesType0Item
from .api_key_list import ApiKeyList
from .api_key_out import ApiKeyOut
from .audit_entry_out import AuditEntryOut
from .audit_entry_out_changes import AuditEntryOutChanges
from .audit_list import AuditList
from .availability_in import AvailabilityIn
from .availability_out import AvailabilityOut
from .candidate_out import CandidateOut
from .candidates import Candidates
from .contact_brief import ContactBrief
from .contact_create import ContactCreate
from .contact_create_custom_attributes import ContactCreateCustomAttributes
from .contact_data import ContactData
from .contact_list import ContactList
from .contact_out import ContactOut
from .contact_out_custom_attributes import ContactOutCustomAttributes
from .contact_update import ContactUpdate
from .contact_update_custom_attributes_type_0 import ContactUpdateCustomAttributesType0
from .deleted import Deleted
from .delivery_data import DeliveryData
from .delivery_detail import DeliveryDetail
from .delivery_detail_payload import DeliveryDetailPayload
from .delivery_detail_status import DeliveryDetailStatus
from .delivery_list import DeliveryList
from .delivery_out import DeliveryOut
from .delivery_out_status import DeliveryOutStatus
from .directory import Directory
from .envelope_absence_data import EnvelopeAbsenceData
from .envelope_absence_list import EnvelopeAbsenceList
from .envelope_agent_report_data import EnvelopeAgentReportData
from .envelope_api_key_created import EnvelopeApiKeyCreated
from .envelope_api_key_list import EnvelopeApiKeyList
from .envelope_audit_list import EnvelopeAuditList
from .envelope_availability_out import EnvelopeAvailabilityOut
from .envelope_candidates import EnvelopeCandidates
from .envelope_contact_data import EnvelopeContactData
from .envelope_contact_list import EnvelopeContactList
from .envelope_deleted import EnvelopeDeleted
from .envelope_delivery_data import EnvelopeDeliveryData
from .envelope_delivery_list import EnvelopeDeliveryList
from .envelope_directory import EnvelopeDirectory
from .envelope_insight_created import EnvelopeInsightCreated
from .envelope_insight_data import EnvelopeInsightData
from .envelope_insight_list import EnvelopeInsightList
from .envelope_login_out import EnvelopeLoginOut
from .envelope_member_data import EnvelopeMemberData
from .envelope_member_list import EnvelopeMemberList
from .envelope_organization_data import EnvelopeOrganizationData
from .envelope_rule_data import EnvelopeRuleData
from .envelope_rule_list import EnvelopeRuleList
from .envelope_schedule_data import EnvelopeScheduleData
from .envelope_schedule_list import EnvelopeScheduleList
from .envelope_service_account_created import EnvelopeServiceAccountCreated
from .envelope_session_list import EnvelopeSessionList
from .envelope_signed_out import EnvelopeSignedOut
from .envelope_team_data import EnvelopeTeamData
from .envelope_team_detail_data import EnvelopeTeamDetailData
from .envelope_team_list import EnvelopeTeamList
from .envelope_team_stats_data import EnvelopeTeamStatsData
from .envelope_team_user_list import EnvelopeTeamUserList
from .envelope_transfer_data import EnvelopeTransferData
from .envelope_transfer_events import EnvelopeTransferEvents
from .envelope_transfer_list import EnvelopeTransferList
from .envelope_transfer_report_data import EnvelopeTransferReportData
from .envelope_user_choices import EnvelopeUserChoices
from .envelope_user_data import EnvelopeUserData
from .envelope_user_list import EnvelopeUserList
from .envelope_webhook_data import EnvelopeWebhookData
from .envelope_webhook_list import EnvelopeWebhookList
from .envelope_webhook_secret_data import EnvelopeWebhookSecretData
from .error_body import ErrorBody
from .error_body_details_type_0 import ErrorBodyDetailsType0
from .field_error import FieldError
from .insight_assign import InsightAssign
from .insight_create import InsightCreate
from .insight_create_type import InsightCreateType
from .insight_created import InsightCreated
from .insight_data import InsightData
from .insight_list import InsightList
from .insight_out import InsightOut
from .insight_out_assigned_by_type_0 import InsightOutAssignedByType0
from .insight_out_status import InsightOutStatus
from .insight_out_type import InsightOutType
from .insight_update import InsightUpdate
from .insight_update_type_type_0 import InsightUpdateTypeType0
from .list_deliveries_status_type_0 import ListDeliveriesStatusType0
from .list_insights_status_type_0 import ListInsightsStatusType0
from .list_insights_type_type_0 import ListInsightsTypeType0
from .list_transfers_sort_type_0 import ListTransfersSortType0
from .login_in import LoginIn
from .login_out import LoginOut
from .member_create import MemberCreate
from .member_data import MemberData
from .member_list import MemberList
from .member_out import MemberOut
from .member_role import MemberRole
from .member_update import MemberUpdate
from .organization_data import OrganizationData
from .organization_out import OrganizationOut
from .organization_update import OrganizationUpdate
from .overflow_policy import OverflowPolicy
from .person import Person
from .range_ import Range
from .refresh_in import RefreshIn
from .role import Role
from .rule_create import RuleCreate
from .rule_data import RuleData
from .rule_list import RuleList
from .rule_match import RuleMatch
from .rule_match_contact_attributes import RuleMatchContactAttributes
from .rule_match_types_item import RuleMatchTypesItem
from .rule_out import RuleOut
from .rule_update import RuleUpdate
from .schedule_create import ScheduleCreate
from .schedule_data import ScheduleData
from .schedule_exception import ScheduleException
from .schedule_list import ScheduleList
from .schedule_out import ScheduleOut
from .schedule_update import ScheduleUpdate
from .service_account_created import ServiceAccountCreated
from .service_account_in import ServiceAccountIn
from .service_account_in_scopes_item import ServiceAccountInScopesItem
from .service_key_in import ServiceKeyIn
from .service_key_in_scopes_item import ServiceKeyInScopesItem
from .session_list import SessionList
from .session_out import SessionOut
from .signed_out import SignedOut
from .status import Status
from .strategy import Strategy
from .team_create import TeamCreate
from .team_data import TeamData
from .team_detail import TeamDetail
from .team_detail_data import TeamDetailData
from .team_list import TeamList
from .team_out import TeamOut
from .team_stats import TeamStats
from .team_stats_data import TeamStatsData
from .team_update import TeamUpdate
from .team_user_list import TeamUserList
from .transfer_assign import TransferAssign
from .transfer_bucket import TransferBucket
from .transfer_create import TransferCreate
from .transfer_create_required_skills_type_0 import TransferCreateRequiredSkillsType0
from .transfer_data import TransferData
from .transfer_event_out import TransferEventOut
from .transfer_event_out_details import TransferEventOutDetails
from .transfer_events import TransferEvents
from .transfer_figures import TransferFigures
from .transfer_list import TransferList
from .transfer_list_team_queue_counts import TransferListTeamQueueCounts
from .transfer_out import TransferOut
from .transfer_out_passed_by_type_0 import TransferOutPassedByType0
from .transfer_out_required_skills_type_0 import TransferOutRequiredSkillsType0
from .transfer_report import TransferReport
from .transfer_report_bucket import TransferReportBucket
from .transfer_report_data import TransferReportData
from .transfers_report_bucket import TransfersReportBucket
from .transfers_report_format_type_0 import TransfersReportFormatType0
from .user_choice import UserChoice
from .user_choices import UserChoices
from .user_create import UserCreate
from .user_create_skills import UserCreateSkills
from .user_data import UserData
from .user_list import UserList
from .user_out import UserOut
from .user_out_skills import UserOutSkills
from .user_update import UserUpdate
from .user_update_skills_type_0 import UserUpdateSkillsType0
from .webhook_create import WebhookCreate
from .webhook_create_event_types_item import WebhookCreateEventTypesItem
from .webhook_data import WebhookData
from .webhook_list import WebhookList
from .webhook_out import WebhookOut
from .webhook_secret_data import WebhookSecretData
from .webhook_update import WebhookUpdate
from .webhook_update_event_types_type_0_item import WebhookUpdateEventTypesType0Item
from .weekly_range import WeeklyRange
from .weekly_range_day import WeeklyRangeDay

__all__ = (
    "AbsenceData",
    "AbsenceIn",
    "AbsenceList",
    "AbsenceOut",
    "AgentFigures",
    "AgentReport",
    "AgentReportData",
    "AgentsReportFormatType0",
    "AgentState",
    "ApiKeyCreated",
    "ApiKeyIn",
    "ApiKeyInScopesType0Item",
    "ApiKeyList",
    "ApiKeyOut",
    "AuditEntryOut",
    "AuditEntryOutChanges",
    "AuditList",
    "AvailabilityIn",
    "AvailabilityOut",
    "CandidateOut",
    "Candidates",
    "ContactBrief",
    "ContactCreate",
    "ContactCreateCustomAttributes",
    "ContactData",
    "ContactList",
    "ContactOut",
    "ContactOutCustomAttributes",
    "ContactUpdate",
    "ContactUpdateCustomAttributesType0",
    "Deleted",
    "DeliveryData",
    "DeliveryDetail",
    "DeliveryDetailPayload",
    "DeliveryDetailStatus",
    "DeliveryList",
    "DeliveryOut",
    "DeliveryOutStatus",
    "Directory",
    "EnvelopeAbsenceData",
    "EnvelopeAbsenceList",
    "EnvelopeAgentReportData",
    "EnvelopeApiKeyCreated",
    "EnvelopeApiKeyList",
    "EnvelopeAuditList",
    "EnvelopeAvailabilityOut",
    "EnvelopeCandidates",
    "EnvelopeContactData",
    "EnvelopeContactList",
    "EnvelopeDeleted",
    "EnvelopeDeliveryData",
    "EnvelopeDeliveryList",
    "EnvelopeDirectory",
    "EnvelopeInsightCreated",
    "EnvelopeInsightData",
    "EnvelopeInsightList",
    "EnvelopeLoginOut",
    "EnvelopeMemberData",
    "EnvelopeMemberList",
    "EnvelopeOrganizationData",
    "EnvelopeRuleData",
    "EnvelopeRuleList",
    "EnvelopeScheduleData",
    "EnvelopeScheduleList",
    "EnvelopeServiceAccountCreated",
    "EnvelopeSessionList",
    "EnvelopeSignedOut",
    "EnvelopeTeamData",
    "EnvelopeTeamDetailData",
    "EnvelopeTeamList",
    "EnvelopeTeamStatsData",
    "EnvelopeTeamUserList",
    "EnvelopeTransferData",
    "EnvelopeTransferEvents",
    "EnvelopeTransferList",
    "EnvelopeTransferReportData",
    "EnvelopeUserChoices",
    "EnvelopeUserData",
    "EnvelopeUserList",
    "EnvelopeWebhookData",
    "EnvelopeWebhookList",
    "EnvelopeWebhookSecretData",
    "ErrorBody",
    "ErrorBodyDetailsType0",
    "FieldError",
    "InsightAssign",
    "InsightCreate",
    "InsightCreated",
    "InsightCreateType",
    "InsightData",
    "InsightList",
    "InsightOut",
    "InsightOutAssignedByType0",
    "InsightOutStatus",
    "InsightOutType",
    "InsightUpdate",
    "InsightUpdateTypeType0",
    "ListDeliveriesStatusType0",
    "ListInsightsStatusType0",
    "ListInsightsTypeType0",
    "ListTransfersSortType0",
    "LoginIn",
    "LoginOut",
    "MemberCreate",
    "MemberData",
    "MemberList",
    "MemberOut",
    "MemberRole",
    "MemberUpdate",
    "OrganizationData",
    "OrganizationOut",
    "OrganizationUpdate",
    "OverflowPolicy",
    "Person",
    "Range",
    "RefreshIn",
    "Role",
    "RuleCreate",
    "RuleData",
    "RuleList",
    "RuleMatch",
    "RuleMatchContactAttributes",
    "RuleMatchTypesItem",
    "RuleOut",
    "RuleUpdate",
    "ScheduleCreate",
    "ScheduleData",
    "ScheduleException",
    "ScheduleList",
    "ScheduleOut",
    "ScheduleUpdate",
    "ServiceAccountCreated",
    "ServiceAccountIn",
    "ServiceAccountInScopesItem",
    "ServiceKeyIn",
    "ServiceKeyInScopesItem",
    "SessionList",
    "SessionOut",
    "SignedOut",
    "Status",
    "Strategy",
    "TeamCreate",
    "TeamData",
    "TeamDetail",
    "TeamDetailData",
    "TeamList",
    "TeamOut",
    "TeamStats",
    "TeamStatsData",
    "TeamUpdate",
    "TeamUserList",
    "TransferAssign",
    "TransferBucket",
    "TransferCreate",
    "TransferCreateRequiredSkillsType0",
    "TransferData",
    "TransferEventOut",
    "TransferEventOutDetails",
    "TransferEvents",
    "TransferFigures",
    "TransferList",
    "TransferListTeamQueueCounts",
    "TransferOut",
    "TransferOutPassedByType0",
    "TransferOutRequiredSkillsType0",
    "TransferReport",
    "TransferReportBucket",
    "TransferReportData",
    "TransfersReportBucket",
    "TransfersReportFormatType0",
    "UserChoice",
    "UserChoices",
    "UserCreate",
    "UserCreateSkills",
    "UserData",
    "UserList",
    "UserOut",
    "UserOutSkills",
    "UserUpdate",
    "UserUpdateSkillsType0",
    "WebhookCreate",
    "WebhookCreateEventTypesItem",
    "WebhookData",
    "WebhookList",
    "WebhookOut",
    "WebhookSecretData",
    "WebhookUpdate",
    "WebhookUpdateEventTypesType0Item",
    "WeeklyRange",
    "WeeklyRangeDay",
)
