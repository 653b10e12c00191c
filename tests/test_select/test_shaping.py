from __future__ import annotations

import pytest
from markupsafe import Markup

from otsreport.models import Dossier
from otsreport.paths import sample_dossier_dir
from otsreport.select.views import ActorItem, EventItem, PositionItem
from otsreport.validate import load_dossier

from ..conftest import OTHER_DOSSIER
from .helpers import compose


@pytest.fixture(scope="module")
def sample() -> Dossier:
    return load_dossier(sample_dossier_dir())


def test_positions_read_as_sentences(sample: Dossier) -> None:
    [view] = compose(sample, ["positions"])
    # Texts are ready-escaped HTML (Markup); unescape to compare with plain text.
    texts = {i.id: Markup(i.sentence).unescape() for i in view.items if isinstance(i, PositionItem)}
    assert (
        texts["hungary-opposes-eu-aid-to-armenia"]
        == "Hungary opposes the EU’s unilateral aid of €10 million to Armenia"
    )
    assert texts["shared-turkic-roots"] == "Azerbaijan and Hungary embrace their Turkic roots"


def test_declared_kinds_and_stances_print_their_own_labels() -> None:
    other = load_dossier(OTHER_DOSSIER)
    [timeline, positions] = compose(other, ["timeline", "by-topic"])[:1] + compose(
        other, ["positions"]
    )
    chair = next(i for i in timeline.items if i.id == "valdoria-chairs-commission")
    assert isinstance(chair, EventItem) and chair.kind_label == "Chairmanship"
    both = next(i for i in positions.items if i.id == "both-commend-surveyors")
    assert isinstance(both, PositionItem)
    assert (
        Markup(both.sentence).unescape()
        == "Valdoria and Kestria commend the commission’s survey teams"
    )
    [hungarian] = compose(other, ["timeline"], "hu")
    chair = next(i for i in hungarian.items if i.id == "valdoria-chairs-commission")
    assert isinstance(chair, EventItem) and chair.kind_label == "Elnökség"


def test_untranslated_data_is_marked_english_in_another_language(sample: Dossier) -> None:
    [view] = compose(sample, ["summary"], "hu")
    # A marked quotation in its own language, never part of a Hungarian sentence.
    assert view.lead.startswith(
        '<span class="untranslated" lang="en" title="fordítatlan">„Azerbaijan and Hungary have'
    )
    assert view.lead.endswith('<sup class="untranslated-cue" title="fordítatlan">[EN]</sup>')
    [actors] = compose(sample, ["actors"], "hu")
    hungary = next(i for i in actors.items if i.id == "hungary")
    assert isinstance(hungary, ActorItem) and hungary.name == "Magyarország"  # translated: no mark
    assert "megfigyelő" in hungary.description
    [english] = compose(sample, ["summary"], "en")
    assert "<span" not in english.lead


def test_a_section_title_falls_back_to_english_marked_as_such(sample: Dossier) -> None:
    spec = {"id": "x", "title": "Plain English title", "kind": "timeline"}
    [view] = compose(sample, [spec], "hu")
    assert view.title == (
        '<span class="untranslated" lang="en" title="fordítatlan">„Plain English title”</span>'
        '<sup class="untranslated-cue" title="fordítatlan">[EN]</sup>'
    )
