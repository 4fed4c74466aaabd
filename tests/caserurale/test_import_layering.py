"""The house's imports run one way: no circle between modules, and the apps' layering of DESIGN.md holds.

Every import counts, including the ones inside functions: a lazy import that dodges a circle is
still a circle, it only fails later and at run time instead of at start-up.
"""

import itertools

import grimp
import pytest

PACKAGES = ("caserurale", "annuaire", "agenda", "appels", "extranet", "reservations", "parcours", "home", "search")

# DESIGN.md: "`home` and `search` may use every domain app; `extranet` uses `annuaire`, `agenda`,
# `appels`; `agenda` and `appels` use `annuaire`; `annuaire` uses none of them."
# `parcours` (support pathways) points to services, events and calls: it uses the three domain apps.
# `reservations` (bookings) builds on the extranet's resources and dashboard, which know nothing of it.
MAY_NOT_IMPORT = {
    "annuaire": ("agenda", "appels", "extranet", "reservations", "parcours", "home", "search"),
    "agenda": ("appels", "extranet", "reservations", "parcours", "home", "search"),
    "appels": ("agenda", "extranet", "reservations", "parcours", "home", "search"),
    "extranet": ("reservations", "parcours", "home", "search"),
    "reservations": ("parcours", "home", "search"),
    "parcours": ("extranet", "reservations", "home", "search"),
}

# `caserurale.urls` includes every app's routes, `caserurale.api` every app's API endpoints and the
# settings choose the search backend: they are the wiring, the top of the house. The rest of
# `caserurale` is infrastructure that the apps build on, and leans on no app.
CASERURALE_WIRING = ("caserurale.urls", "caserurale.api", "caserurale.settings")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, cache_dir=None)


@pytest.fixture(scope="module")
def runtime_graph():
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    add_package_initialisation(graph)
    return graph


def add_package_initialisation(graph):
    """Python runs a package's ``__init__`` before any module inside it: importing ``agenda.events``
    from outside ``agenda`` runs ``agenda/__init__.py`` first. A hub ``models/__init__.py`` that
    imports the pages would close a circle that grimp, which records only the module named, cannot see."""
    for importer in list(graph.modules):
        for imported in list(graph.find_modules_directly_imported_by(importer)):
            line = graph.get_import_details(importer=importer, imported=imported)[0]
            package = imported.rpartition(".")[0]
            while package:
                # The importer's own packages are already running when it runs.
                if package in graph.modules and not f"{importer}.".startswith(f"{package}."):
                    graph.add_import(
                        importer=importer,
                        imported=package,
                        line_number=line["line_number"],
                        line_contents=f"{line['line_contents']}  (runs {package}/__init__.py first)",
                    )
                package = package.rpartition(".")[0]


def strongly_connected_components(graph):
    """Tarjan's algorithm, iterative (the graph has a few hundred modules)."""
    index, lowlink, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = lowlink[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            module, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = lowlink[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.find_modules_directly_imported_by(successor)))))
                    break
                if successor in on_stack:
                    lowlink[module] = min(lowlink[module], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[module])
                if lowlink[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def describe_circle(graph, component):
    """One circle through the component's first module, each step with the line that makes it."""
    start = component[0]
    members = set(component)
    closing = min(
        graph.find_shortest_chain(importer=successor, imported=start)
        for successor in graph.find_modules_directly_imported_by(start)
        if successor in members
    )
    circle = (start, *closing)
    steps = []
    for importer, imported in itertools.pairwise(circle):
        details = graph.get_import_details(importer=importer, imported=imported)
        where = f" (line {details[0]['line_number']}: {details[0]['line_contents']})" if details else ""
        steps.append(f"  {importer} -> {imported}{where}")
    return f"{len(component)} modules tied together ({', '.join(component)}); one circle:\n" + "\n".join(steps)


def test_no_import_circle_between_the_projects_modules(runtime_graph):
    circles = [describe_circle(runtime_graph, component) for component in strongly_connected_components(runtime_graph)]
    assert not circles, "Import circles:\n" + "\n".join(circles)


def test_the_circle_finder_names_a_circle():
    # The check above passes on an empty list; prove that it would see one.
    toy = grimp.ImportGraph()
    circle = [("app.models", "app.filters"), ("app.filters", "app.feeds"), ("app.feeds", "app.models")]
    for importer, imported in circle:
        toy.add_import(importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}")
    toy.add_import(importer="app.views", imported="app.models", line_number=1, line_contents="import app.models")
    (component,) = strongly_connected_components(toy)
    assert component == ["app.feeds", "app.filters", "app.models"]
    assert describe_circle(toy, component).splitlines()[1:] == [
        "  app.feeds -> app.models (line 1: import app.models)",
        "  app.models -> app.filters (line 1: import app.filters)",
        "  app.filters -> app.feeds (line 1: import app.feeds)",
    ]


def direct_imports(graph, package):
    """(importer, imported, line) for every import made by a module of `package`."""
    for importer in sorted(graph.modules):
        if importer.split(".")[0] != package:
            continue
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            line = graph.get_import_details(importer=importer, imported=imported)[0]
            yield importer, imported, f"line {line['line_number']}: {line['line_contents']}"


def test_a_circle_through_a_package_initialisation_is_seen():
    # app/models/__init__.py exposes the page; the feeds import the domain from app.models.events,
    # which runs app/models/__init__.py first, hence the page, hence the feeds again.
    toy = grimp.ImportGraph()
    for module in ("app", "app.models", "app.models.events", "app.pages", "app.feeds"):
        toy.add_module(module)
    for importer, imported in [
        ("app.models", "app.pages"),
        ("app.pages", "app.feeds"),
        ("app.feeds", "app.models.events"),
    ]:
        toy.add_import(importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}")
    assert strongly_connected_components(toy) == []
    add_package_initialisation(toy)
    assert strongly_connected_components(toy) == [["app.feeds", "app.models", "app.pages"]]


@pytest.mark.parametrize("app", sorted(MAY_NOT_IMPORT))
def test_an_app_uses_only_the_apps_below_it(graph, app):
    breaches = [
        f"  {importer} -> {imported} ({line})"
        for importer, imported, line in direct_imports(graph, app)
        if imported.split(".")[0] in MAY_NOT_IMPORT[app]
    ]
    assert not breaches, f"{app} may not import {', '.join(MAY_NOT_IMPORT[app])}:\n" + "\n".join(breaches)


def test_shared_infrastructure_uses_no_app(graph):
    breaches = [
        f"  {importer} -> {imported} ({line})"
        for importer, imported, line in direct_imports(graph, "caserurale")
        if imported.split(".")[0] != "caserurale" and not importer.startswith(CASERURALE_WIRING)
    ]
    assert not breaches, "caserurale's infrastructure may not import an app:\n" + "\n".join(breaches)
