"""Stories across outlets: copies, versions and related reports of the same news.

- `Linker` / `link_articles` put stored articles into stories (link.py);
- `rebuild` forgets every story and links the whole store again;
- `story_detail` tells what a story knows (detail.py): its articles and their
  relations, the differences of each copy, events and quotes merged.
"""

from tidings.stories.detail import story_detail, story_details
from tidings.stories.link import Linker, link_articles, rebuild, story_id_for
from tidings.stories.model import Story

__all__ = [
    "Linker",
    "Story",
    "link_articles",
    "rebuild",
    "story_detail",
    "story_details",
    "story_id_for",
]
