"""PII detectors that complement Presidio's recognizers (formats Presidio lacks for English)."""

from redact.text._detector import Detector
from redact.text.pii.date_of_birth import DateOfBirthDetector
from redact.text.pii.insurance_id import InsuranceIdDetector
from redact.text.pii.labelled_payment import LabelledBankAccountDetector, LabelledCardDetector, LabelledIbanDetector
from redact.text.pii.labelled_person import LabelledPersonDetector
from redact.text.pii.medical_record import MedicalRecordDetector
from redact.text.pii.ocr_email import OcrEmailDetector
from redact.text.pii.ocr_ip import OcrIpDetector
from redact.text.pii.phone_shape import PhoneShapeDetector
from redact.text.pii.street_address import StreetAddressDetector


def default_pii_detectors() -> list[Detector]:
    """Fresh instances of every PII detector redact adds to Presidio's own."""
    return [
        StreetAddressDetector(),
        DateOfBirthDetector(),
        MedicalRecordDetector(),
        InsuranceIdDetector(),
        LabelledPersonDetector(),
        LabelledCardDetector(),
        LabelledIbanDetector(),
        LabelledBankAccountDetector(),
        OcrEmailDetector(),
        OcrIpDetector(),
        PhoneShapeDetector(),
    ]
