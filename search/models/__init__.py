from search.models.entries import SearchEntry, SearchTerm
from search.models.stats import QueryStat
from search.models.synonyms import SynonymGroup

__all__ = ["QueryStat", "SearchEntry", "SearchTerm", "SynonymGroup"]
