"""Health-insurance identifiers: member, subscriber, policy and group numbers by their label."""

from redact.text.pii._labelled import LabelledValueDetector


class InsuranceIdDetector(LabelledValueDetector):
    name = "insurance_id"
    entity_type = "INSURANCE_ID"
    labels = (r"member\s*id", r"member", r"subscriber(?:\s*id)?", r"policy", r"group",
              r"insurance(?:\s*(?:member|subscriber|policy))?(?:\s*id)?", r"medicare(?:\s*id)?",
              r"medicaid(?:\s*id)?", r"health\s*plan(?:\s*id)?", r"beneficiary(?:\s*id)?")
