from tidings.stories.sketch import overlap, shingles, sketch, words

from .conftest import OTHER, PADDING, WIRE


def test_shingles_are_runs_of_words_and_a_short_text_is_one():
    assert shingles(words("One two three four five six"), 5) == {
        "one two three four five",
        "two three four five six",
    }
    assert shingles(words("Too short"), 5) == {"too short"}
    assert shingles([], 5) == frozenset()


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
    # the shingles take ~40 MB; hashing them all at once took 200 MB more (238 MB in all)
    assert peak < 100 * 2**20, peak / 2**20
