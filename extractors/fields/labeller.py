"""A scored labeller for the elements of GB/T 9704-2012: every line of a document gets one label,
decoded under the order the standard puts the elements in.

* Emission scores: each line's features (``features``) weighed by the hand-set table ``WEIGHTS``
  (feature -> label -> weight) plus a per-label bias. A label that needs evidence (a title, a 主送,
  a 成文日期 …) is allowed on a line only where one of its features fired; the "free" labels
  (an unlabelled line of the 版头 area, the body, the tail, the text of the 附件) need none.
* Transitions: a label may follow another only in the standard's order (``RANK``: 版头 before the
  title, the title before the 主送, the body before the 署名 and 成文日期, the 版记 last), with the
  few departures real documents make (``EXTRA_TRANSITIONS``: a 发文字号 printed under the title, a
  联系人 line over the 署名, a web copy's 附件说明 after the date; ``ONLY_AFTER``: text after the 版记).
  Page chrome (running headers, page numbers, web metadata) and an approval record are transparent:
  allowed anywhere, and the order resumes after them from the label before.
* Decoding: Viterbi over the lines; the forward and backward passes give each line's max-marginal
  per label, and the margin between the best path and the best path giving that line another label,
  squashed to 0–1, is the line's confidence.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

# Labels of the document's own flow, with their place in the order (equal ranks may alternate).
RANK = {
    "marks": 1,  # 份号, 密级和保密期限, 紧急程度
    "issuer_mark": 2,  # 发文机关标志
    "doc_number": 3,  # 发文字号 (or a 期号, 令号)
    "signer": 3,  # 签发人
    "title": 4,
    "byline": 5,  # 署名 under the title: a meeting material's department, a draft's 起草单位
    "byline_date": 5,  # the date under the title (题注, or a meeting material's date line)
    "recipients": 5,  # 主送机关
    "body": 6,  # 正文
    "attachment_note": 7,  # 附件说明
    "signature": 8,  # 署名
    "date": 9,  # 成文日期
    "note": 10,  # 附注
    "tail": 10.5,  # text after the 成文日期 that is none of the elements (an attached text without heading)
    "attachments": 11,  # 附件: its heading ("附件1")
    "attachment_text": 11,  # 附件: the text under the heading
    "cc": 12,  # 抄送机关
    "printed": 13,  # 印发机关和印发日期
}
# Labels that stand outside the order: page chrome, page numbers (页码), the 发文稿纸, and "other":
# a line of the 版头 area (before the body) or of the 附件说明 that is none of the elements: a
# portal's navigation over the document, a name wrapped off the 签发人 line, a subtitle, an
# attachment's title wrapped onto the next line.
TRANSPARENT = ("chrome", "page_number", "approval", "other")
LABELS = (*RANK, *TRANSPARENT)
FREE = ("other", "body", "tail", "attachment_text")  # allowed without any evidence
START = "start"
HEAD_AREA = frozenset({START, *(label for label, rank in RANK.items() if rank < RANK["body"])})
# The free labels that only continue a run: the 附件's text follows its heading, and the tail
# follows the 成文日期 or the elements after it (never the body).
ONLY_AFTER = {
    "other": HEAD_AREA | {"attachment_note"},
    "attachment_text": frozenset({"attachments", "attachment_text"}),
    "tail": frozenset({"attachment_note", "signature", "date", "note", "tail", "cc", "printed"}),
}
EXTRA_TRANSITIONS = frozenset({
    ("title", "doc_number"),  # a web copy's number under the title; a 期号 under a 纪要's title
    ("note", "signature"), ("note", "date"),  # a 函's 联系人 line over its 署名
    # a web copy lists the 附件 after the date, and after the attached text
    ("date", "attachment_note"), ("note", "attachment_note"), ("tail", "attachment_note"),
})

# feature -> label -> weight. Hand-set: a strong cue (a 发文字号's shape, 抄送：) outweighs the
# positional evidence a line gets from its neighbours.
WEIGHTS: dict[str, dict[str, float]] = {
    "approval": {"approval": 50.0},
    "chrome": {"chrome": 10.0},
    "furniture": {"chrome": 6.0},
    "running_header": {"chrome": 6.0},
    "page_number": {"page_number": 10.0},
    "sentence": {"other": -2.0},  # running text is never an unlabelled line of the 版头
    "marks": {"marks": 6.0},
    "issuer_mark": {"issuer_mark": 6.0},
    "organ_over_mark": {"issuer_mark": 4.0},
    "organ_over_title": {"issuer_mark": 3.0},
    "organ_opens_title": {"title": 4.0},
    "doc_number": {"doc_number": 5.0},
    "issue_number": {"doc_number": 3.0},
    "signer": {"signer": 5.0},
    "title_cued": {"title": 5.0},
    "title_placed": {"title": 5.0},
    "title_named": {"title": 3.0},
    "title_explicit": {"title": 3.0},
    "title_untyped": {"title": 3.0},
    "title_form_mark": {"title": 3.0},
    "subtitle": {"other": 3.0},
    "metadata_title": {"title": 3.0},
    "attachment_own_title": {"title": 6.0},
    "title_styled": {"title": 1.0},
    "repeated_title": {"chrome": 6.0},  # a portal repeating the title over the document's own
    "recipients": {"recipients": 5.0},
    "salutation": {"body": 0.5},
    "byline_organ": {"byline": 3.0},
    "speaker": {"byline": 4.0},
    "signer_rest": {"signer": 4.0},
    "running_header": {"chrome": 6.0},
    "title_note_rest": {"other": 3.0},
    "marker": {"byline": 5.0},
    "byline_date": {"byline_date": 5.0},
    "byline_inline": {"byline_date": 5.0},
    "title_note_date": {"byline_date": 4.0},
    "signature_organ": {"signature": 3.0},
    "signature_person": {"signature": 1.5},
    "signature_aligned": {"signature": 1.0},
    "date_aligned": {"date": 1.0},
    "date_signed": {"date": 6.0},
    "numeric_date_signed": {"date": 4.0},
    "date_inline": {"date": 6.0},
    "date_unsigned": {"date": 2.0},
    "attachment_note": {"attachment_note": 5.0},
    "attachment_item": {"attachment_note": 3.0},
    "attachment_heading": {"attachments": 4.0},
    "cc": {"cc": 6.0},
    "printed": {"printed": 6.0},
    "printed_organ": {"printed": 4.0},
    "note_under_date": {"note": 4.0},
    "contact_over_signature": {"note": 4.0},
    "contact_at_end": {"note": 3.0},
}
BIAS = {
    "other": -0.3,  # the document should start as early as its evidence allows
    "body": -0.01,  # of two candidate closings, the first (later dates belong to attached texts)
    "tail": 0.0, "attachment_text": 0.0,
    "chrome": -2.0, "page_number": -2.0, "approval": -2.0,
}
EVIDENCE_BIAS = -0.5  # every label that needs evidence pays this once per line
MARGIN_SCALE = 2.0  # a margin of 2 (a weak cue's worth) gives confidence 0.63


@dataclass(frozen=True)
class Labelling:
    labels: tuple[str, ...]
    confidence: tuple[float, ...]  # per line, 0–1


def allowed(previous: str, label: str) -> bool:
    if label in ONLY_AFTER:
        return previous in ONLY_AFTER[label]
    if previous == START:
        return True
    return RANK[label] >= RANK[previous] or (previous, label) in EXTRA_TRANSITIONS


def emissions(features: list[set[str]]) -> list[dict[str, float]]:
    """Per line: label -> score, for the labels allowed on it."""
    table = []
    for found in features:
        scores = {label: BIAS.get(label, 0.0) for label in FREE}
        for name in found:
            for label, weight in WEIGHTS.get(name, {}).items():
                if label not in scores:
                    scores[label] = BIAS.get(label, EVIDENCE_BIAS)
                scores[label] += weight
        table.append(scores)
    return table


# A decoder state: (label, remembered) — ``remembered`` is the last label of the document's flow,
# which a transparent label carries over; for a flow label it is the label itself.
State = tuple[str, str]


def _next_state(remembered: str, label: str) -> State | None:
    """The state a move to ``label`` leads to from a state remembering ``remembered``; None if barred."""
    if label in TRANSPARENT:
        return (label, remembered) if label not in ONLY_AFTER or remembered in ONLY_AFTER[label] else None
    return (label, label) if allowed(remembered, label) else None


# remembered label -> {label: the state a move to it leads to}, for the moves allowed
MOVES = {remembered: {label: following for label in LABELS
                      if (following := _next_state(remembered, label)) is not None}
         for remembered in (START, *RANK)}


def _steps(scores: dict[str, float], previous: dict[State, float]):
    """(state, predecessor, score gained) for every allowed move into a line with ``scores``."""
    for state in previous:
        moves = MOVES[state[1]]
        for label, emission in scores.items():
            following = moves.get(label)
            if following is not None:
                yield following, state, emission


def decode(features: list[set[str]]) -> Labelling:
    table = emissions(features)
    if not table:
        return Labelling((), ())
    forward: list[dict[State, float]] = []
    back: list[dict[State, State]] = []
    previous: dict[State, float] = {(START, START): 0.0}
    for scores in table:
        current: dict[State, float] = {}
        pointers: dict[State, State] = {}
        for state, source, gain in _steps(scores, previous):
            score = previous[source] + gain
            if score > current.get(state, -math.inf):
                current[state], pointers[state] = score, source
        forward.append(current)
        back.append(pointers)
        previous = current
    backward = _backward(table, forward)
    state = max(forward[-1], key=forward[-1].get)
    path = [state]
    for index in range(len(table) - 1, 0, -1):
        state = back[index][state]
        path.append(state)
    path.reverse()
    labels = tuple(state[0] for state in path)
    confidence = tuple(_confidence(forward[index], backward[index], labels[index]) for index in range(len(table)))
    return Labelling(labels, confidence)


def _backward(table: list[dict[str, float]], forward: list[dict[State, float]]) -> list[dict[State, float]]:
    """For each line and state: the best score of the rest of the document from that state on."""
    backward: list[dict[State, float]] = [{} for _ in table]
    backward[-1] = {state: 0.0 for state in forward[-1]}
    for index in range(len(table) - 1, 0, -1):
        following = backward[index]
        current = {state: -math.inf for state in forward[index - 1]}
        for state, source, gain in _steps(table[index], current):
            if state in following:
                score = gain + following[state]
                if score > current[source]:
                    current[source] = score
        backward[index - 1] = current
    return backward


def _confidence(forward: dict[State, float], backward: dict[State, float], chosen: str) -> float:
    """The margin between the best path and the best path with another label on this line."""
    best: dict[str, float] = {}
    for state, score in forward.items():
        total = score + backward.get(state, -math.inf)
        if total > best.get(state[0], -math.inf):
            best[state[0]] = total
    mine = best.get(chosen, -math.inf)
    others = [score for label, score in best.items() if label != chosen and score > -math.inf]
    if not others:
        return 1.0
    margin = max(0.0, mine - max(others))
    return 1.0 - math.exp(-margin / MARGIN_SCALE)
