"""Contacts, links and citations render safe, attributed HTML."""
from __future__ import annotations

import datetime as dt

from macros.contacts import Contact, Link, render_contact, render_link
from macros.references import Reference, citation_text, harvard


def ref(**kw) -> Reference:
    base = {"authors": ["Ruch, G.", "Turney, D.", "Ward, A."], "year": 2010, "title": "Relationship-Based Social Work", "group": "framework"}
    return Reference.model_validate({**base, **kw})


def test_contact_shows_when_details_were_listed_and_escapes():
    c = Contact(name="<b>Ann</b>", role="L&D", email="ann@example.org", checked=dt.date(2015, 11, 20))
    html = render_contact(c)
    assert "&lt;b&gt;Ann&lt;/b&gt;" in html and "<b>" not in html
    assert 'href="mailto:ann@example.org"' in html
    assert "as listed on 20 November 2015; this may have changed" in html


def test_link_text_can_be_overridden_and_is_escaped():
    link = Link(title="CC Inform", url="http://www.ccinform.co.uk", checked="never")
    assert render_link(link) == '<a class="rbp-link" href="http://www.ccinform.co.uk">CC Inform</a>'
    assert ">x &lt;i&gt;<" in render_link(link, "x <i>")


def test_citation_short_forms():
    assert citation_text(ref()) == "Ruch et al., 2010"
    assert citation_text(ref(), "18") == "Ruch et al., 2010, p. 18"
    assert citation_text(ref(), "18–20") == "Ruch et al., 2010, pp. 18–20"
    assert citation_text(ref(authors=["Coulshed, V.", "Orme, J."], year=2006)) == "Coulshed and Orme, 2006"
    assert citation_text(ref(authors=["Ferguson, H."], year=None)) == "Ferguson, n.d."
    assert citation_text(ref(authors=["HM Government"], short="HM Government", year=2015)) == "HM Government, 2015"


def test_harvard_book_and_article():
    assert harvard(ref(editors=True, place="London", publisher="Jessica Kingsley")) == (
        "Ruch, G., Turney, D. and Ward, A. (eds) (2010) <em>Relationship-Based Social Work</em>. London: Jessica Kingsley."
    )
    article = ref(authors=["Bion, W. R."], year=1959, title="Attacks on linking", **{"in": "International Journal of Psycho-Analysis"}, volume="40", pages="308–315")
    assert harvard(article) == (
        "Bion, W. R. (1959) ‘Attacks on linking’, <em>International Journal of Psycho-Analysis</em>, 40, pp. 308–315."
    )
