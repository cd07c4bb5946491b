"""Medical record numbers, found by their label (MRN, chart number, patient id)."""

from redact.text.pii._labelled import LabelledValueDetector


class MedicalRecordDetector(LabelledValueDetector):
    name = "medical_record_number"
    entity_type = "MEDICAL_RECORD_NUMBER"
    labels = (r"MRN", r"medical\s*record", r"patient\s*(?:id|number|no\.?)", r"chart\s*(?:number|no\.?|#)",
              r"health\s*record")
