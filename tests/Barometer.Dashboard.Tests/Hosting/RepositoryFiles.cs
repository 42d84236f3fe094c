namespace Barometer.Dashboard.Tests.Hosting;

/// <summary>Files of the repository the tests use (the axe-core script installed by the build's <c>npm ci</c>, docs/screenshots).</summary>
public static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Barometer.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("no Barometer.slnx above " + AppContext.BaseDirectory);
        }
    }

    public static string AxeScript => Path.Combine(Root, "src", "Barometer.Web", "Dashboard", "client", "node_modules", "axe-core", "axe.min.js");
}
