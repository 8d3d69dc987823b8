"""Who said what: direct, partial and indirect quotes with their speakers.

Patterns, in the order they are tried on each paragraph:

- **Direct quotes** are the spans between quote marks (curly “…”, straight
  "…", guillemets «…», and single ‘…’ where a paragraph has no double
  marks); a double mark of the other style closes too (“…," typed text), so a
  quote never runs on into `," the prosecutor's office said. …`. A quote opened
  in one paragraph and left open runs on into the next paragraph that opens
  with a mark; every piece keeps the run's speaker.
- **Attribution** of a direct quote is a speech cue (`data/quotes/cues.txt`)
  outside the quote marks: after it (“…,” he said / “…,” said Amina Diallo,
  the agency’s director / “…,” Peskov was quoted as saying by Interfax),
  or before it with a colon, dash or the cue itself (Peskov said: “…”). The
  speaker is the cue's grammatical subject, or failing the parse, the actor
  mentioned nearest to the cue on the side where the subject stands. A cue
  right before the opening mark ("he said, “…,” the office said") wins: the
  words are his, the office only relays them. A paragraph that is nothing but a
  quote continues the previous paragraph's speaker.
- **Partial quotes** are short quoted phrases inside a sentence (condemned what
  it called “harsh tactics”), licensed by a cue in the sentence; the speaker is
  the subject the quote's clause hangs from.
- **Indirect speech** is a cue verb with a clause: "X said (that) …", "…, X
  said", "X told reporters …", "adding that …" (the subject of the verb it
  hangs from), and "according to X".
- **Relays**: a news outlet in the attribution that is not the speaker ("was
  quoted as saying by Interfax", "told Reuters") is `via`.

The speaker's name is the resolved actor's name (`Dmitry Peskov` for "he" or
"a Kremlin spokesman"); `speaker_mention` is the phrase as written at the cue.
Somebody the article describes but never names is named by the phrase as
written ("another witness" — a new speaker, not the witness named before), and a
name in the subject's apposition wins over its description. A country speaks
only when it is the subject itself ("Moscow said"), never through an adjective
("an American caller said" is the caller's). An indirect clause that frames a
direct quote ("he said, “…”", "…,” the office said") is not a quote of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tidings.actors import ActorIndex
from tidings.data import lines
from tidings.record import Quote

PAIRS = {"“": "”", "«": "»", "„": "“"}
DOUBLE_MARKS = '“”"«»„'
# Double marks that close a quote opened by another: typed text mixes “…" and "…”.
MISMATCHED_CLOSE = {"“": '”"', '"': '"”'}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLIMB_DEPS = ("advcl", "xcomp", "pcomp", "prep", "conj", "ccomp", "acl", "relcl", "dobj", "pobj")
WH_WORDS = frozenset({"what", "which", "that", "who", "whom", "whose"})
SENTENCE_END = ".!?"
ATTRIBUTION_END = ".!?:;—–"
PRONOUN_WORDS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


@dataclass(frozen=True)
class Cues:
    speech: frozenset[str]
    partial: frozenset[str]
    relay: tuple[tuple[str, ...], ...]


@cache
def cues() -> Cues:
    speech, partial, relay = set(), set(), []
    for line in lines("quotes/cues.txt"):
        lemma, _, use = line.partition("\t")
        use = use.strip()
        if use == "speech":
            speech.add(lemma.strip())
        elif use == "partial":
            partial.add(lemma.strip())
        elif use == "relay":
            relay.append(tuple(lemma.split()))
        else:
            raise ValueError(f"data/quotes/cues.txt: unknown use {use!r} in {line!r}")
    return Cues(frozenset(speech), frozenset(partial), tuple(relay))


@dataclass
class _Span:
    """A quoted stretch of one paragraph: [start, end) is the text inside the marks."""

    p: int
    start: int
    end: int
    open: bool  # runs on past the paragraph's end
    kind: str = "direct"


@dataclass
class _Speaker:
    name: str | None
    actor: str | None
    mention: str | None
    cue: str | None
    via: str | None = None


def find_quotes(paragraphs: Sequence[str], docs: Sequence[Any], actors: ActorIndex) -> list[Quote]:
    return _Finder(list(paragraphs), list(docs), actors).run()


class _Finder:
    def __init__(self, paragraphs: list[str], docs: list[Any], actors: ActorIndex) -> None:
        self.paragraphs = paragraphs
        self.docs = docs
        self.actors = actors
        self.cues = cues()
        self.spans = [_quote_spans(p, text) for p, text in enumerate(paragraphs)]

    def run(self) -> list[Quote]:
        out: list[Quote] = []
        previous: _Speaker | None = None  # the last speaker of the previous paragraph
        run_speaker: _Speaker | None = None  # a quote running on over paragraphs
        for p, doc in enumerate(self.docs[: len(self.paragraphs)]):
            spans = self.spans[p]
            for s in spans:
                s.kind = self._kind(p, s)
            direct = [s for s in spans if s.kind == "direct"]
            found = [(s, self._attribution(p, s, spans)) for s in direct]
            # quotes of a paragraph without their own cue share the paragraph's
            known = [sp for _, sp in found if sp is not None]
            shared = known[0] if known else None
            continues = bool(direct) and self._only_quotes(p, spans)
            runs_on = run_speaker is not None and bool(direct) and direct[0].start <= 1
            for i, (s, sp) in enumerate(found):
                if i == 0 and runs_on:
                    sp = run_speaker
                elif sp is None and shared is not None:
                    sp = shared
                elif sp is None and continues:
                    sp = previous
                found[i] = (s, sp)
            items: list[tuple[int, Quote]] = []
            for s, sp in found:
                items.append((s.start, self._quote(p, s.start, s.end, "direct", sp)))
            last = found[-1] if found else None
            run_speaker = last[1] if last is not None and last[0].open else None
            for s in spans:
                if s.kind == "partial":
                    sp = self._partial_speaker(p, s)
                    if sp is not None:
                        items.append((s.start, self._quote(p, s.start, s.end, "partial", sp)))
            items.extend(self._indirect(p, doc, spans))
            items.sort(key=lambda item: item[0])
            out.extend(q for _, q in items)
            spoken = [q for _, q in items if q.speaker]
            previous = _speaker_of(spoken[-1]) if spoken else None
        # a run whose speaker is named only at its end: fill the pieces before it
        return _fill_runs(out, self.spans)

    # -- direct quotes -------------------------------------------------------------

    def _kind(self, p: int, s: _Span) -> str:
        """direct, or partial for a phrase quoted inside a sentence."""
        text = self.paragraphs[p]
        before = text[: max(0, s.start - 1)].rstrip()
        if not before or before[-1] in SENTENCE_END + ":,;—–-" + DOUBLE_MARKS + "’":
            return "direct"
        inner = text[s.start : s.end].strip()
        tok = _last_token_before(self.docs[p], s.start - 1)
        cue_before = tok is not None and tok.lemma_.lower() in self.cues.speech
        if cue_before and tok.pos_ == "VERB" and inner[:1].isupper():
            return "direct"
        if inner[-1:] in SENTENCE_END + "," and len(inner.split()) >= 6 and inner[:1].isupper():
            return "direct"
        return "partial"

    def _only_quotes(self, p: int, spans: list[_Span]) -> bool:
        """The paragraph holds nothing but quoted words (and punctuation)."""
        text = self.paragraphs[p]
        rest, last = [], 0
        for s in spans:
            rest.append(text[last : max(last, s.start - 1)])
            last = s.end + 1
        rest.append(text[last:])
        return not re.search(r"\w", "".join(rest))

    def _attribution(self, p: int, s: _Span, spans: list[_Span]) -> _Speaker | None:
        text = self.paragraphs[p]
        doc = self.docs[p]
        inside = [(q.start, q.end) for q in spans]
        # introduced by a cue ("he said, “…,” the office said"): the words are his; a
        # cue after the quote then only relays them
        introduced = self._introducing_cue(p, s, inside)
        if introduced is not None:
            return introduced
        # after the quote: up to the end of the sentence or the next quote
        after_start = s.end + 1
        nxt = [q.start - 1 for q in spans if q.start > s.end]
        after_end = min([*nxt, len(text)])
        first = next((t for t in doc if t.idx >= after_start and not t.is_space), None)
        if first is not None and first.idx < after_end:
            after_end = min(after_end, _end(first.sent[-1]))
        sp = self._cue_in(p, doc, after_start, after_end, inside, after=True)
        if sp is not None:
            return sp
        # before the quote: the same sentence up to the opening mark
        prev_ends = [q.end + 1 for q in spans if q.end < s.start]
        before_start = max([*prev_ends, 0])
        last = _last_token_before(doc, s.start - 1)
        if last is not None and last.idx >= before_start:
            before_start = max(before_start, last.sent.start_char)
        sp = self._cue_in(p, doc, before_start, s.start - 1, inside, after=False)
        if sp is not None:
            return sp
        return self._introduced(p, doc, before_start, s.start - 1, inside)

    def _introducing_cue(
        self, p: int, s: _Span, inside: list[tuple[int, int]]
    ) -> _Speaker | None:
        """A speech cue right before the opening mark, past only a comma or colon
        ("and said, “…", "told the BBC: “…"), with its subject in the sentence."""
        text = self.paragraphs[p]
        lead = text[: max(0, s.start - 1)].rstrip()
        if not lead.endswith((",", ":")):
            return None
        cue = _last_token_before(self.docs[p], len(lead) - 1)
        if cue is None or not (self._is_cue(cue) or cue.dep_ in ("dobj", "pobj", "dative")):
            return None
        if not self._is_cue(cue):  # "told the BBC interviewer: “…": the verb governs it
            cue = cue.head if self._is_cue(cue.head) else None
            if cue is None:
                return None
        subject = self._subject(cue)
        if subject is None or subject.idx < cue.sent.start_char:
            return None
        sent_start = cue.sent.start_char
        return self._speaker(p, cue, sent_start, s.start - 1, inside, after=False)

    def _introduced(
        self, p: int, doc: Any, start: int, end: int, inside: list[tuple[int, int]]
    ) -> _Speaker | None:
        """A colon or dash with no cue: "Laila Omar was blunt — “…”" -> the clause's subject."""
        if not self.paragraphs[p][start:end].rstrip().endswith((":", "—", "–", "--")):
            return None
        tokens = [
            t for t in doc if start <= t.idx < end and not any(a <= t.idx < b for a, b in inside)
        ]
        subjects = [t for t in tokens if t.dep_ in SUBJECT_DEPS and t.lower_ not in WH_WORDS]
        if not subjects:
            return None
        s, e = _phrase(subjects[0], self.paragraphs[p])
        return self._named(p, max(s, start), e, None)

    def _cue_in(
        self,
        p: int,
        doc: Any,
        start: int,
        end: int,
        inside: list[tuple[int, int]],
        after: bool,
    ) -> _Speaker | None:
        if end <= start:
            return None
        tokens = [
            t for t in doc if start <= t.idx < end and not any(a <= t.idx < b for a, b in inside)
        ]
        for i, tok in enumerate(tokens):
            if self._is_cue(tok) or self._relay_at(tokens, i):
                return self._speaker(p, tok, start, end, inside, after)
        return None

    def _is_cue(self, tok: Any) -> bool:
        return tok.lemma_.lower() in self.cues.speech and tok.pos_ in ("VERB", "AUX")

    def _relay_at(self, tokens: list[Any], i: int) -> bool:
        for words in self.cues.relay:
            got = tuple(t.lower_ for t in tokens[i : i + len(words)])
            lemmas = tuple(t.lemma_.lower() for t in tokens[i : i + len(words)])
            if words in (got, lemmas):
                return True
        return False

    # -- speakers ------------------------------------------------------------------

    def _speaker(
        self,
        p: int,
        cue: Any,
        start: int,
        end: int,
        inside: list[tuple[int, int]],
        after: bool,
    ) -> _Speaker:
        text = self.paragraphs[p]
        cue_text = self._cue_text(cue)
        start = max(start, _dateline_end(text))
        trailing = self._trailing_speaker(p, cue, start)
        if trailing is not None:
            s, e = trailing
            sp = self._named(p, s, e, cue_text)
            sp.via = self._via(p, start, end, sp.actor)
            return sp
        if cue.lower_ == "according":
            obj = next((c for t in cue.children for c in t.children if c.dep_ == "pobj"), None)
            if obj is None and cue.i + 2 < len(cue.doc):
                obj = cue.doc[cue.i + 2]
            subject = obj
        else:
            subject = self._subject(cue)
        if subject is not None and not (start <= subject.idx < end):
            subject = None
        if subject is not None and any(a <= subject.idx < b for a, b in inside):
            subject = None
        if subject is not None:
            s, e = _phrase(subject, text)
            sp = self._named(p, s, e, cue_text)
            if sp.actor is None and subject.lower_ not in PRONOUN_WORDS:
                outer = self._outer_cue(cue)
                if outer is not None:  # "X said A and warned that B": X warned
                    return self._speaker(p, outer, start, end, inside, after)
        else:
            sp = self._nearest(p, cue, start, end, inside, cue_text)
        if sp is not None:
            sp.via = self._via(p, start, end, sp.actor)
            return sp
        return _Speaker(None, None, None, cue_text, self._via(p, start, end, None))

    def _trailing_speaker(self, p: int, cue: Any, start: int) -> tuple[int, int] | None:
        """ "…, army and local officials said (on Tuesday)." -> the phrase after the comma."""
        sent = cue.sent
        rest = [t for t in sent if t.i > cue.i and not t.is_punct]
        if len(rest) > 4 or any(t.pos_ in ("VERB", "AUX") for t in rest):
            return None
        before = [t for t in sent if t.i < cue.i and t.idx >= start]
        commas = [t for t in before if t.text == ","]
        if not commas:
            return None
        phrase = [t for t in before if t.i > commas[-1].i]
        while phrase and phrase[0].is_punct:  # ',"  the office said': not the mark
            phrase.pop(0)
        if not phrase or len(phrase) > 8 or any(t.pos_ in ("VERB", "AUX") for t in phrase):
            return None
        if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in phrase):
            return None
        return phrase[0].idx, _end(phrase[-1])

    def _outer_cue(self, cue: Any) -> Any:
        """The cue whose reported clause holds this one."""
        tok = cue
        for _ in range(8):
            if tok.head is tok:
                return None
            if tok.dep_ == "ccomp" and self._is_cue(tok.head):
                return tok.head
            tok = tok.head
        return None

    def _subject(self, cue: Any) -> Any:
        tok = cue
        for _ in range(6):
            subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and subj.lower_ not in WH_WORDS:
                return subj
            if subj is None and tok.dep_ == "relcl":
                return tok.head  # "the minister, who said …"
            if tok.dep_ not in CLIMB_DEPS or tok.head is tok:
                return None
            tok = tok.head
        return None

    def _named(self, p: int, start: int, end: int, cue: str | None) -> _Speaker:
        text = self.paragraphs[p]
        mention = text[start:end].strip(" ,")
        actor = self.actors.actor_for_span(p, start, end)
        if actor is None or actor.id in self.actors.unnamed:
            # "Another diplomat, former envoy Kurt Volker, said": the name says who
            actor = self._named_person_in(p, start, end) or actor
        if (
            actor is not None
            and actor.kind == "country"
            and not self.actors.names_head(actor, p, start, end)
        ):
            actor = None  # "an American caller said": the caller, not the United States
        unnamed = actor is not None and actor.id in self.actors.unnamed
        if unnamed and mention and mention.lower() not in PRONOUN_WORDS:
            return _Speaker(mention, actor.id, mention, cue)  # "a third witness", as written
        if actor is not None:
            return _Speaker(actor.name, actor.id, mention, cue)
        if mention.lower() in PRONOUN_WORDS:
            return _Speaker(None, None, mention, cue)
        return _Speaker(mention or None, None, mention or None, cue)

    def _named_person_in(self, p: int, start: int, end: int) -> Any:
        """The first person named (not just described) within [start, end)."""
        for mp, s, e, actor_id in sorted(self.actors.mentions):
            actor = self.actors.by_id(actor_id)
            if (
                mp == p
                and start <= s
                and e <= end
                and actor is not None
                and actor.kind == "person"
                and actor_id not in self.actors.unnamed
                and self.paragraphs[p][s:e][:1].isupper()
            ):
                return actor
        return None

    def _nearest(
        self,
        p: int,
        cue: Any,
        start: int,
        end: int,
        inside: list[tuple[int, int]],
        cue_text: str | None,
    ) -> _Speaker | None:
        """The actor mentioned nearest the cue: before it, else (inverted) after it."""
        text = self.paragraphs[p]
        mentions = [
            (s, e)
            for mp, s, e, _ in self.actors.mentions
            if mp == p and start <= s and e <= end and not any(a <= s < b for a, b in inside)
        ]
        before = [(s, e) for s, e in mentions if e <= cue.idx]
        after = [(s, e) for s, e in mentions if s >= cue.idx + len(cue.text)]
        inverted = not re.search(r"\w", text[start : cue.idx])  # “…,” said Amina Diallo
        if after and (inverted or not before):
            first = min(s for s, _ in after)
            e = max(e for s, e in after if s == first)
            return self._named(p, first, e, cue_text)
        if before:
            doc = cue.doc
            subjects = [
                (s, e)
                for s, e in before
                if (t := _token_at(doc, e - 1)) is not None and t.dep_ in ("nsubj", "nsubjpass")
            ]
            last_end = max(e for _, e in (subjects or before))
            s = min(s for s, e in before if e == last_end)
            return self._named(p, s, last_end, cue_text)
        return None

    def _via(self, p: int, start: int, end: int, speaker: str | None) -> str | None:
        for mp, s, e, actor_id in self.actors.mentions:
            if mp != p or not (start <= s and e <= end) or actor_id == speaker:
                continue
            actor = self.actors.by_id(actor_id)
            named = self.paragraphs[p][s:e][:1].isupper()  # a named outlet, not "reporters"
            if actor is not None and actor.role == "MED" and actor.kind == "organization" and named:
                return actor.name
        return None

    def _cue_text(self, cue: Any) -> str:
        doc = cue.doc
        if cue.lower_ == "according":
            return "according to"
        quoted_as = cue.i >= 2 and doc[cue.i - 1].lower_ == "as"
        if cue.tag_ == "VBG" and quoted_as and doc[cue.i - 2].lemma_.lower() == "quote":
            cue = doc[cue.i - 2]  # "was quoted as saying"
        first = cue
        for child in cue.lefts:
            if child.dep_ in ("aux", "auxpass", "neg") and child.i >= cue.i - 3:
                first = min(first, child, key=lambda t: t.i)
        last = cue
        if cue.lemma_.lower() == "quote":
            nxt = doc[cue.i + 1 : cue.i + 3]
            if len(nxt) == 2 and nxt[0].lower_ == "as" and nxt[1].tag_ == "VBG":
                last = nxt[1]
        return doc[first.i : last.i + 1].text

    def _partial_speaker(self, p: int, s: _Span) -> _Speaker | None:
        doc = self.docs[p]
        inner = [t for t in doc if s.start <= t.idx < s.end]
        if not inner:
            return None
        sent = inner[0].sent
        licensed = [
            t
            for t in sent
            if not (s.start <= t.idx < s.end)
            and (
                t.lemma_.lower() in self.cues.speech
                and t.pos_ in ("VERB", "AUX")
                or t.lemma_.lower() in self.cues.partial
            )
        ]
        if not licensed:
            return None  # scare quotes or a title, not somebody's words
        ids = {t.i for t in inner}
        head = next((t for t in inner if t.head.i not in ids), inner[-1])
        subject = self._subject(head)
        cue = min(licensed, key=lambda t: abs(t.i - head.i))
        cue_text = self._cue_text(cue)
        if subject is None:
            subject = self._subject(cue)
        if subject is None:
            return None
        start, end = _phrase(subject, self.paragraphs[p])
        return self._named(p, start, end, cue_text)

    # -- indirect speech -----------------------------------------------------------

    def _indirect(self, p: int, doc: Any, spans: list[_Span]) -> list[tuple[int, Quote]]:
        inside = [(q.start, q.end) for q in spans]
        out = []
        for tok in doc:
            if any(a <= tok.idx < b for a, b in inside):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                quote = self._according(p, tok, inside)
                if quote is not None:
                    out.append((tok.sent.start_char, quote))
                continue
            if not self._is_cue(tok):
                continue
            clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if clause is None:
                continue
            words = list(clause.subtree)
            while words and (words[0].dep_ == "mark" or words[0].is_punct):
                words.pop(0)
            while words and words[-1].is_punct:
                words.pop()
            if not words:
                continue
            text = self.paragraphs[p]
            start, end = words[0].idx, _end(words[-1])
            quoted = sum(min(b, end) - max(a, start) for a, b in inside if a < end and start < b)
            if quoted > 0.5 * (end - start) or len(words) < 2:
                continue  # the attribution of a direct quote
            if any(
                start <= q.start and q.end < tok.idx  # a quote before its cue: "…,” he said"
                or end < q.start and text[end : q.start - 1].strip() in ("", ",", ":")  # "said, “…"
                for q in spans
                if q.kind == "direct"
            ):
                continue  # it frames a direct quote, whose own attribution says who spoke
            sent = tok.sent
            sp = self._speaker(p, tok, sent.start_char, _end(sent[-1]), inside, after=False)
            if sp.name is None:
                continue
            out.append((start, self._quote(p, start, end, "indirect", sp)))
        return out

    def _according(self, p: int, tok: Any, inside: list[tuple[int, int]]) -> Quote | None:
        doc = tok.doc
        sent = tok.sent
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        if self._is_cue(tok.head) or self._is_cue(sent.root):
            return None  # "X said, according to Interfax": X speaks, Interfax relays
        phrase_start = tok.idx
        phrase_end = _end(obj.right_edge)
        text = self.paragraphs[p]
        sent_start = max(sent.start_char, _dateline_end(text))
        rest = (
            text[sent_start:phrase_start].rstrip(" ,")
            + " "
            + text[phrase_end : _end(sent[-1])].lstrip(" ,")
        ).strip(" ,.")
        if len(rest.split()) < 3:
            return None
        s, e = _phrase(obj, text)
        sp = self._named(p, s, e, "according to")
        if sp.name is None:
            return None
        return Quote(rest, "indirect", sp.name, sp.actor, sp.mention, sp.cue, None, p)

    def _quote(self, p: int, start: int, end: int, kind: str, sp: _Speaker | None) -> Quote:
        start = max(start, _dateline_end(self.paragraphs[p]))
        words = self.paragraphs[p][start:end].strip()
        words = words.strip(" ,")
        if sp is None:
            return Quote(words, kind, None, None, None, None, None, p)
        return Quote(words, kind, sp.name, sp.actor, sp.mention, sp.cue, sp.via, p)


DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,}"  # BELGRADE, PORT SUDAN
    r"(?:,[ A-Za-z.'’-]+?)?"  # , Democratic Republic of Congo / , Dec. 18
    r"(?: \d{1,2})?"
    r"(?: ?\([A-Za-z .]+\))?"  # (Reuters)
    r" ?(?:—|–|--|-) ?"
)


def _dateline_end(text: str) -> int:
    """Where a wire dateline at the start of a paragraph ends (0 when none)."""
    m = DATELINE.match(text)
    return m.end() if m else 0


def _speaker_of(q: Quote) -> _Speaker:
    return _Speaker(q.speaker, q.speaker_actor, q.speaker_mention, q.cue, q.via)


def _fill_runs(quotes: list[Quote], spans: list[list[_Span]]) -> list[Quote]:
    """Pieces of a run of quoted paragraphs take the speaker named anywhere in the run."""
    direct = [q for q in quotes if q.kind == "direct"]
    runs: list[list[Quote]] = []
    current: list[Quote] = []
    for q in direct:
        open_here = any(s.open for s in spans[q.paragraph])
        if current and current[-1].paragraph == q.paragraph - 1:
            current.append(q)
        else:
            if current:
                runs.append(current)
            current = [q]
        if not open_here:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    for run in runs:
        named = next((q for q in reversed(run) if q.speaker), None)
        if named is None or len(run) < 2:
            continue
        for q in run:
            if q.speaker is None:
                q.speaker, q.speaker_actor = named.speaker, named.speaker_actor
                q.speaker_mention, q.cue, q.via = named.speaker_mention, named.cue, named.via
    return quotes


def _quote_spans(p: int, text: str) -> list[_Span]:
    """Quoted stretches of a paragraph, in order; the last may run on (open)."""
    spans: list[_Span] = []
    has_double = any(c in text for c in DOUBLE_MARKS)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        close: str | None = None
        if c in PAIRS:
            close = PAIRS[c]
        elif c == '"' and (i == 0 or not text[i - 1].isalnum()):
            close = '"'
        elif c == "‘" and not has_double and (i == 0 or not text[i - 1].isalnum()):
            close = "’"
        if close is None:
            i += 1
            continue
        closers = MISMATCHED_CLOSE.get(c, close)
        j = i + 1
        while j < n:
            if text[j] in closers and (close != "’" or j + 1 >= n or not text[j + 1].isalpha()):
                break
            if c == "“" and text[j] == "“":  # a new quote opens: this one ran on unclosed
                j = n
                break
            j += 1
        if j >= n:
            if re.search(r"\w", text[i + 1 :]):
                spans.append(_Span(p, i + 1, n, open=True))
            break
        if re.search(r"\w", text[i + 1 : j]):
            spans.append(_Span(p, i + 1, j, open=False))
        i = j + 1
    return spans


def _token_at(doc: Any, char: int) -> Any:
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _last_token_before(doc: Any, char: int) -> Any:
    best = None
    for tok in doc:
        if tok.idx + len(tok.text) <= char and not tok.is_punct:
            best = tok
    return best


def _end(tok: Any) -> int:
    return tok.idx + len(tok.text)


def _phrase(tok: Any, text: str) -> tuple[int, int]:
    """The noun phrase of a subject: its left modifiers, the head and an apposition."""
    start = tok.left_edge.idx
    end = _end(tok)
    for child in tok.rights:
        if child.dep_ in ("appos", "compound", "flat"):
            end = _end(child.right_edge)
        elif child.dep_ == "punct" and child.text == ",":
            continue
        else:
            break
    for mark in DOUBLE_MARKS:
        cut = text.rfind(mark, start, tok.idx)
        if cut >= 0:
            start = cut + 1
    return start, end
