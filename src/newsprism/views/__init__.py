"""The views: one view model per page (story list, story, article, search), built once and
rendered as the web UI's HTML, the API's JSON, and the offline report.html and report.md."""

from .article import ArticlePage, VersionView, article_page, version_views
from .links import FileLinks, Links, WebLinks
from .listing import Filters, SearchHitView, SearchPage, StoryItem, StoryListPage
from .render import render_page, render_report_html, render_report_markdown, to_data
from .story import StoryPage, story_page

__all__ = [
    "ArticlePage", "FileLinks", "Filters", "Links", "SearchHitView", "SearchPage", "StoryItem", "StoryListPage",
    "StoryPage", "VersionView", "WebLinks", "article_page", "render_page", "render_report_html",
    "render_report_markdown", "story_page", "to_data", "version_views",
]
