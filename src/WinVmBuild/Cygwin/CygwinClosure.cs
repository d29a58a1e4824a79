using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cygwin;

/// <summary>
/// The packages setup installs for a request, as Cygwin's setup chooses them: the requested packages, every
/// package of the requested categories and of <c>Base</c>, then everything their chosen versions depend on.
/// Curr is preferred; a <c>[prev]</c> or <c>[test]</c> version is chosen only when a version constraint rules
/// curr out (or there is no curr), and then the highest that satisfies every constraint.
/// </summary>
public sealed class CygwinClosure
{
    /// <summary>Provided by setup itself (the Windows version); never an archive.</summary>
    private const string WindowsPseudoPackage = "_windows";

    private readonly SetupIni _setupIni;
    private readonly IBuildLog _log;
    private readonly ProviderIndex _providers;

    public CygwinClosure(SetupIni setupIni, IBuildLog log)
    {
        _setupIni = setupIni;
        _log = log;
        _providers = new ProviderIndex(setupIni);
    }

    /// <summary>Resolves the closure; the result is sorted by package name.</summary>
    public IReadOnlyList<ResolvedPackage> Resolve(IEnumerable<string> packages, IEnumerable<string> categories)
    {
        var roots = Roots(packages.ToList(), categories.ToList());
        var constraints = new VersionConstraints();

        // A constraint met late can rule out a version chosen early: start again knowing it, until nothing changes.
        while (true)
        {
            var round = new ResolutionRound(this, constraints);
            if (round.Run(roots))
            {
                return round.Chosen.Values.OrderBy(p => p.Package.Name, StringComparer.Ordinal).ToList();
            }
        }
    }

    private List<(Dependency Dependency, string Requester)> Roots(IReadOnlyList<string> packages, IReadOnlyList<string> categories)
    {
        var roots = packages.Select(name => (new Dependency(name), "the requested Packages")).ToList();
        foreach (var category in categories.Append("Base"))
        {
            roots.AddRange(_setupIni.Stanzas.InstallableInCategory(category)
                .Order(StringComparer.Ordinal)
                .Select(name => (new Dependency(name), $"category '{category}'")));
        }

        return roots;
    }

    /// <summary>The package that stands for <paramref name="name"/>; with several providers, a logged, repeatable choice.</summary>
    private CygwinPackage Provider(string name, string requester, IReadOnlyDictionary<string, ResolvedPackage> chosen)
    {
        var candidates = _providers.Find(name);
        switch (candidates.Count)
        {
            case 0:
                var reason = _setupIni.Packages.ContainsKey(name) ? "has no installable version (no install: line)" : "is not in setup.ini and no package provides it";
                throw new WinVmException(ErrorCodes.CygwinPackageNotFound, $"Cygwin package '{name}', asked for by {requester}, {reason}.");
            case 1:
                return candidates[0];
            default:
                // Prefer a provider already in the closure; otherwise the first by name, so every build agrees.
                var choice = candidates.FirstOrDefault(c => chosen.ContainsKey(c.Name)) ?? candidates[0];
                _log.Message($"Cygwin: '{name}' is provided by {string.Join(", ", candidates.Select(c => c.Name))}; using '{choice.Name}'.");
                return choice;
        }
    }

    /// <summary>One pass over the dependency graph with the constraints known so far.</summary>
    private sealed class ResolutionRound(CygwinClosure closure, VersionConstraints constraints)
    {
        private readonly Queue<ResolvedPackage> _pending = new();

        public Dictionary<string, ResolvedPackage> Chosen { get; } = new(StringComparer.Ordinal);

        /// <summary>False when a constraint was found that rules out a version already chosen.</summary>
        public bool Run(IEnumerable<(Dependency Dependency, string Requester)> roots)
        {
            foreach (var (dependency, requester) in roots)
            {
                if (!Require(dependency, requester))
                {
                    return false;
                }
            }

            while (_pending.TryDequeue(out var next))
            {
                foreach (var dependency in next.Version.Depends)
                {
                    if (!Require(dependency, $"'{next}'"))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private bool Require(Dependency dependency, string requester)
        {
            if (dependency.Name == WindowsPseudoPackage)
            {
                return true;
            }

            var package = closure.Provider(dependency.Name, requester, Chosen);

            var isNewConstraint = VersionConstraints.Constrains(package, dependency) && constraints.Add(package, dependency, requester);
            if (Chosen.TryGetValue(package.Name, out var existing))
            {
                return !isNewConstraint || VersionConstraints.Accepts(package, dependency, existing.Version);
            }

            var resolved = new ResolvedPackage(package, constraints.Choose(package, requester));
            Chosen.Add(package.Name, resolved);
            _pending.Enqueue(resolved);
            return true;
        }
    }
}
