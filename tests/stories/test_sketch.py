from tidings.stories.sketch import overlap, shingle_hashes, shingles, sketch, tokens

from .conftest import OTHER, PADDING, WIRE


def test_shingles_are_runs_of_words_and_a_short_text_is_one():
    six = shingle_hashes(tokens("One two three four five six"), 5)
    assert len(six) == 2
    assert set(shingle_hashes(tokens("one two three four five"), 5)) < set(six)
    assert set(shingle_hashes(tokens("two three four five six"), 5)) < set(six)
    assert len(shingle_hashes(tokens("Too short"), 5)) == 1
    assert len(shingle_hashes([], 5)) == 0
    # each word's place counts: the same words in another order are another shingle
    assert set(shingle_hashes(tokens("five four three two one"), 5)).isdisjoint(six)


def test_tokens_are_what_damage_leaves_alone():
    # a doubled letter is squeezed on both sides; numbers are left as they are
    assert (
        tokens("Sebelumm Syiiah 1000")
        == tokens("sebelum syiah 1000")
        == ["sebelum", "syiah", "1000"]
    )
    # a script written without spaces is read a character at a time
    assert tokens("脱獄したiPhone") == ["脱", "獄", "し", "た", "iphone"]


def test_a_short_line_shared_by_neither_text_is_not_counted():
    body = "\n\n".join(WIRE[:2])
    padded = "\n\n".join(["Subscribe to our newsletter", "Share this", *WIRE[:2], "Read more"])
    found = overlap(shingles(padded), shingles(body))
    assert found.containment == 1.0
    # a short paragraph that both texts carry counts like any other
    lead = "Police detained dozens of people in Belgrade on Tuesday."
    assert overlap(shingles(lead), shingles(lead + "\n\n" + body)).containment == 1.0


def test_a_damaged_copy_keeps_most_of_its_shingles():
    body = "\n\n".join(WIRE)
    damaged = body.replace("Belgrade", "Bellgrade").replace("largest", "larrgest")
    assert overlap(shingles(damaged), shingles(body)).containment == 1.0


def test_a_copy_cut_to_its_lead_shares_a_bucket_with_its_original():
    original = sketch("\n\n".join(WIRE))
    lead = sketch(WIRE[0] + "\n\n" + WIRE[1])
    assert set(original.buckets) & set(lead.buckets)
    found = overlap(original.shingles, lead.shingles)
    assert found.containment == 1.0 and found.near_duplicate()


def test_padding_does_not_hide_a_copy():
    padded = sketch("\n\n".join(PADDING[:1] + WIRE + PADDING[1:]))
    original = sketch("\n\n".join(WIRE))
    assert set(original.buckets) & set(padded.buckets)
    assert overlap(original.shingles, padded.shingles).near_duplicate()


def test_other_news_shares_no_bucket_and_is_no_copy():
    a, b = sketch("\n\n".join(WIRE)), sketch("\n\n".join(OTHER))
    assert not set(a.buckets) & set(b.buckets)
    assert not overlap(a.shingles, b.shingles).near_duplicate()


def test_the_same_text_always_gives_the_same_buckets():
    assert sketch("\n\n".join(WIRE)).buckets == sketch("\n\n".join(WIRE)).buckets


def test_a_very_long_text_is_sketched_in_bounded_memory():
    import random
    import tracemalloc

    chance = random.Random(0)
    vocabulary = [f"w{n}" for n in range(5000)]
    body = " ".join(chance.choice(vocabulary) for _ in range(200_000))
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        found = sketch(body)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert len(found.shingles) > 150_000
    # hashing the shingles all at once took 200 MB more than their strings (238 MB in all)
    assert peak < 100 * 2**20, peak / 2**20


def test_a_body_of_megabytes_is_sketched_by_its_beginning_up_to_a_paragraph_end():
    from dataclasses import replace

    from tidings.stories.config import settings

    config = replace(settings().copies, max_characters=2000)
    paragraphs = [f"Paragraph {n} says that the talks in Vienna resumed on day {n} of the"
                  f" meeting between the two delegations." for n in range(400)]  # fmt: skip
    body = "\n\n".join(paragraphs)
    head = "\n\n".join(paragraphs[: 2000 // (len(paragraphs[0]) + 2)])
    assert len(head) <= 2000 < len(head) + 100
    whole, first = sketch(body, config), sketch(head, config)
    assert whole.buckets == first.buckets
    assert list(whole.shingles.hashes) == list(first.shingles.hashes)
    assert list(shingles(body, config).hashes) == list(first.shingles.hashes)
    assert len(sketch(body).shingles) > 3 * len(whole.shingles)  # the default bound is far
