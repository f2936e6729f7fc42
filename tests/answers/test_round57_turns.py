"""Session 29 (#12, #13): rounds 56 and 57's conversation classes, tested both ways through the
whole conversation: a comorbidity given as the reason for a treatment decision is the case's
business; a cause denied in a list is no cause; another condition's management asked on a live
case is refused; Hindi mixed with English is answered; a guideline named is no diagnosis; care
aimed at comfort leaves dexamethasone to be reduced (1.8.4)."""

from __future__ import annotations

from chat_helpers import cited, last

RCC = (
    "Case for my portfolio: 65M renal cell ca, MRI today shows T12 pathological fracture with "
    "epidural disease compressing the cord, SINS 14. Severe mechanical back pain not controlled "
    "even with IV morphine. Hip flexors 4/5 bilaterally, new over 2 days. ECOG 1, spinal "
    "surgeons reviewing."
)


def test_a_comorbidity_given_as_the_reason_surgery_is_off_is_the_cases_business(
    conversation,
) -> None:
    answer = last(
        conversation,
        RCC,
        "Update: anaesthetist has assessed him - severe aortic stenosis and poor LV function, "
        "so surgery is off the table.",
    )
    assert not answer.out_of_scope
    assert {"1.4.1", "1.8.1", "1.10.4", "1.11.9"} <= cited(answer)
    assert "1.11.8" not in cited(answer)
    # the same comorbidity asked about for itself is not
    answer = last(conversation, RCC, "how should I manage his aortic stenosis?")
    assert answer.out_of_scope


def test_a_cause_denied_in_a_list_is_no_cause(conversation) -> None:
    answer = last(
        conversation,
        "84F referred to us, no history of cancer, no fall or trauma. 6 weeks of severe "
        "unremitting thoracic back pain, worse at night. 45 pack-year smoker with new haemoptysis, "
        "Hb 98. GP did a thoracic spine X-ray - reported normal. Neuro exam normal. Is the normal "
        "X-ray reassuring?",
    )
    assert not answer.out_of_scope
    assert {"1.3.5", "1.3.1", "1.5.9"} <= cited(answer)
    assert not {"1.3.3", "1.5.2"} & cited(answer)
    # a cause stated is still one
    answer = last(
        conversation, "No cancer history. Back pain after a fall from a ladder, trauma to L1."
    )
    assert answer.out_of_scope


HOSPICE = (
    "Hospice doctor. 74M with prostate cancer and spinal metastases. Pain not controlled on "
    "oral morphine, and the pain has neuropathic features (burning, electric)."
)


def test_another_conditions_management_asked_on_a_live_case_is_refused(conversation) -> None:
    assert last(
        conversation,
        HOSPICE,
        "his wife is asking what dose of sertraline she should take for her own depression",
    ).out_of_scope
    assert last(
        conversation,
        "Urology reg. 66M, prostate cancer with known spinal metastases, no neurological "
        "symptoms, admitted with an obstructive AKI.",
        "how should I manage his potassium of 6.8?",
    ).out_of_scope
    # the case's own pain and its own drugs are answered
    answer = last(conversation, HOSPICE, "how should I manage his pain?")
    assert not answer.out_of_scope
    assert "1.7.8" in cited(answer)
    assert not last(conversation, HOSPICE, "what dose of dex should he have?").out_of_scope


def test_hindi_mixed_with_english_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "Mere papa (68) ko lung cancer hai, pichle saal diagnose hua tha aur chemo chal rahi hai. "
        "Kal raat se unke dono pair sunn ho gaye hain (numb), aur aaj chalne mein bahut dikkat ho "
        "rahi hai, ek baar gir bhi gaye. Kamar mein dard bhi 2 hafte se hai.",
    )
    assert not answer.out_of_scope
    assert {"1.3.2", "1.5.2", "1.8.1"} <= cited(answer)


def test_a_guideline_named_is_no_diagnosis(conversation) -> None:
    answer = last(
        conversation,
        "ePCR summary: 78M. PMH prostate ca w/ known bony mets, on Prostap. PC: thoracic back "
        "pain x2/52, worse at night. Today unable to PU since 0600, bladder palpable. Bilat LL "
        "weakness, power approx 3/5, reduced sensation from umbilicus down. Conveying to ED. "
        "Anything from the NICE MSCC guidance I should flag at handover?",
    )
    assert answer.facts.get("mscc") != "confirmed"
    assert {"1.3.2", "1.5.2", "1.8.1"} <= cited(answer)


PALLIATIVE = (
    "Palliative medicine consultant, hospice. 81M, metastatic prostate ca, MSCC at T6 confirmed "
    "on MRI 10 days ago. Spinal surgeons: not a surgical candidate. {rt} He's still on dex 16 mg "
    "daily since diagnosis. What should I do with the steroids?"
)


def test_comfort_care_after_no_surgery_leaves_dexamethasone_to_be_reduced(conversation) -> None:
    answer = last(
        conversation,
        PALLIATIVE.format(
            rt="Oncology feel he's too unwell to tolerate radiotherapy, PS 4. Goals are comfort."
        ),
    )
    assert {"1.8.4", "1.8.8", "1.6.5"} <= cited(answer)
    # no radiotherapy alone leaves other treatment (hormones, chemotherapy) possible
    answer = last(
        conversation,
        PALLIATIVE.format(rt="Oncology feel he's too unwell to tolerate radiotherapy."),
    )
    assert "1.8.4" not in cited(answer)
    answer = last(conversation, PALLIATIVE.format(rt="Radiotherapy is booked for tomorrow."))
    assert "1.8.4" not in cited(answer)
