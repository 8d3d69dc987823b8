"""Text a page shows only on hover, promo lines and link lists, and pages laid out in
tables: the cases of issue 14, each on a small page written like the real one."""

from tidings.api import parse_bytes


def record_of(page: str):
    (record,) = parse_bytes(page.encode(), path="page.html", fmt="html", nlp=False)
    return record


def test_a_hover_card_is_not_read_but_the_name_it_opens_is(article_page):
    card = ('<span class="rollover-people"><a class="rollover-people-link" href="/people/omar">'
            'Ilhan Omar</a><span class="rollover-people-block"><span class="rollover-block">'
            '<a class="name" href="/people/omar">Ilhan Omar</a><a href="/policy/471175">Hillicon '
            'Valley: Progressives oppose funding bill</a></span></span></span>')  # fmt: skip
    page = article_page(inside_article=f"<p>The man threatened to kill Rep. {card} (D-Minn.), "
                                       "prosecutors said on Monday in a statement.</p>")  # fmt: skip
    paragraphs = record_of(page).paragraphs
    assert "The man threatened to kill Rep. Ilhan Omar (D-Minn.), prosecutors said on Monday " \
           "in a statement." in paragraphs
    assert not any("Hillicon" in p for p in paragraphs)


def test_hidden_elements_are_not_read(article_page):
    page = article_page(inside_article='<p style="display: none">Hidden promo text for bots, '
                                       'never shown to readers of the page.</p>'
                                       '<div hidden><p>A hidden sign-up form with many words '
                                       'in it that nobody sees.</p></div>')  # fmt: skip
    assert not any("Hidden" in p or "hidden" in p for p in record_of(page).paragraphs)


def test_promo_lines_and_their_link_lists_are_left_out(article_page):
    promo = ("<p><strong>DON'T MISS</strong></p>"
             '<p><a href="/news/1188134/china-macron">China furious at Macron for Hong Kong '
             'protest jibe</a> [<strong>INSIGHT]</strong>|<br>'
             '<a href="/sport/1188822/lakers-nets">Lakers vs Nets: NBA make final decision</a>'
             " [<strong>VIDEO]</strong></p>")  # fmt: skip
    record = record_of(article_page(inside_article=promo))
    assert record.paragraphs[-1].startswith("Fishermen in Marsaxlokk")
    assert not any("MISS" in p or "Macron" in p or "Lakers" in p for p in record.paragraphs)
    removed = {e.before for e in record.edits if e.kind == "boilerplate"}
    assert any("Macron" in before for before in removed)  # said, not silently dropped


def test_a_sentence_with_a_link_in_it_stays(article_page):
    text = ('<p>Officials said <a href="/europe/cranes-repaired">the cranes were repaired after '
            "the storm</a> in record time, and ships queued outside the harbour.</p>")
    paragraphs = record_of(article_page(inside_article=text)).paragraphs
    assert any(p.startswith("Officials said the cranes were repaired") for p in paragraphs)


def test_a_page_laid_out_in_a_table_is_still_split_into_paragraphs(article_body):
    teasers = "".join(f'<p><a href="/news/{n}">Partner story number {n} about something '
                      f"else entirely</a></p>" for n in range(6))  # fmt: skip
    paragraphs = "".join(f"<p>{p}</p>" for p in article_body)
    page = f"""<html><head><title>Harbour reopens</title></head><body>
    <table><tr><td class="single_content"><h1>Harbour reopens after storm</h1>
    <div class="article_date">November 20, 2019 - 11:28 AMT</div>
    <div id="article_block" class="article_body">{paragraphs}</div>
    <p>Top stories</p>{teasers}<p>Partner news</p>{teasers}</td>
    <td><p>Armenia named most popular spot for travellers in 2019. Armenia has been named
    the most popular destination.</p></td></tr></table></body></html>"""
    assert record_of(page).paragraphs == article_body


def test_blocks_after_the_article_go_when_the_second_reading_lies_within_the_first(
    article_body,
):
    from tidings.read.html import article_bounds

    body = article_body + [p.replace("storm", "gale") for p in article_body]  # 250 words
    teasers = [f"Partner story number {n} about the travel season and the island's best "
               f"beaches, hotels and restaurants this summer" for n in range(20)]  # fmt: skip
    assert article_bounds(body + teasers, body, None) == (0, len(body))
    # a second reading too short to vouch for the article leaves the first one whole
    assert article_bounds(body[:1] + teasers, body[:1], None) == (0, 1 + len(teasers))
