using System.Net;
using Alba;
using FairDraw.Api.Access;
using FairDraw.Api.Hosting;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Entities;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using Microsoft.Extensions.Configuration;
using static FairDraw.Api.Tests.Operating.OperatingHost;

namespace FairDraw.Api.Tests.Operating;

/// <summary>
/// The signing keys live in one absolute folder, whatever the working directory; only `init-keys` creates them, and a
/// server or verb that finds one missing stops with one line naming the folder and the step, creating nothing.
/// </summary>
[Collection(nameof(OperatingCollection))]
public sealed class KeepingTheKeys(OperatingHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_key_folder_is_the_projects_and_a_verb_run_elsewhere_creates_no_keys_there()
    {
        var unconfigured = LedgerSettings.From(new ConfigurationBuilder().Build());
        Assert.Equal(Path.Combine(Repository.Root, ".local", "keys"), unconfigured.KeyDirectory);
        var relative = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ledger:KeyDirectory"] = "keys" })
            .Build();
        Assert.Contains("absolute", Assert.Throws<InvalidOperationException>(() => LedgerSettings.From(relative)).Message);

        await InTemporaryFolderAsync(async elsewhere =>
        {
            var unset = new Dictionary<string, string?> { ["Ledger__KeyDirectory"] = null };
            var run = await CommandLine.RunApiAsync(elsewhere, unset, "token", "Auditor");

            // The project's keys sign the token when they exist; otherwise the verb names that folder. Never a new pair here.
            Assert.True(run.ExitCode == 0 || run.StandardError.Contains(unconfigured.KeyDirectory, StringComparison.Ordinal), run.Output);
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        });
    }

    [Fact]
    public async Task A_verb_run_from_another_directory_signs_and_verifies_with_the_configured_keys()
    {
        await fixture.PostAsync("/api/entities", RegisteringEntities.Nanming(), fixture.Token(Role.Registrar, "520102"), HttpStatusCode.Created);
        await fixture.CheckpointAsync();

        await InTemporaryFolderAsync(async elsewhere =>
        {
            var environment = CommandLine.HostEnvironment(fixture);
            var issued = await CommandLine.RunApiAsync(elsewhere, environment, "token", "Auditor");
            Assert.True(issued.ExitCode == 0, issued.Output);
            await fixture.Host.Scenario(s =>
            {
                s.Get.Url($"/api/entities/{RegisteringEntities.NanmingCode}");
                s.As(issued.StandardOutput.Trim());
                s.StatusCodeShouldBeOk();
            });

            var verified = await CommandLine.RunApiAsync(elsewhere, environment, "verify-ledger", "--key", fixture.VerifierKey);
            Assert.True(verified.ExitCode == 0, verified.Output);
            Assert.Contains("ledger intact", verified.StandardOutput);
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        });
    }

    [Fact]
    public async Task A_server_or_verb_without_its_keys_stops_with_one_line_naming_the_folder_and_creates_nothing()
    {
        await InTemporaryFolderAsync(async parent =>
        {
            var keys = Path.Combine(parent, "keys");
            var environment = new Dictionary<string, string?>(CommandLine.HostEnvironment(fixture))
            {
                ["Ledger__KeyDirectory"] = keys,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            };

            // No folder: a verb, and the server (no verb) refuse and make none.
            await RefusedAsync(parent, environment, keys, "token", "Auditor");
            await RefusedAsync(parent, environment, keys);
            Assert.False(Directory.Exists(keys));

            // An empty folder stays empty.
            Directory.CreateDirectory(keys);
            await RefusedAsync(parent, environment, keys, "token", "Auditor");
            await RefusedAsync(parent, environment, keys);
            Assert.Empty(Directory.EnumerateFileSystemEntries(keys));
            Assert.Equal(["keys"], Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName)); // no ./.local/keys
        });
    }

    private static async Task RefusedAsync(
        string workingDirectory, Dictionary<string, string?> environment, string keys, params string[] args)
    {
        var refused = await CommandLine.RunApiAsync(workingDirectory, environment, args);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal("", refused.StandardOutput);
        var line = Assert.Single(refused.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"signing key missing: {SigningKeys.LedgerKey}, {SigningKeys.TokenKey} in {keys}", line);
        Assert.Contains("init-keys", line);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // owner-only modes are POSIX file modes
    public async Task A_key_folder_opened_to_other_users_stops_the_server_and_the_verbs_that_read_a_key()
    {
        await InTemporaryFolderAsync(async parent =>
        {
            var keys = Path.Combine(parent, "keys");
            var environment = new Dictionary<string, string?> { ["Ledger__KeyDirectory"] = keys };
            Assert.Equal(0, (await CommandLine.RunApiAsync(parent, environment, "init-keys")).ExitCode);
            File.SetUnixFileMode(keys, File.GetUnixFileMode(keys) | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

            var refused = await CommandLine.RunApiAsync(parent, environment, "token", "Auditor");

            Assert.NotEqual(0, refused.ExitCode);
            Assert.Equal("", refused.StandardOutput);
            var line = Assert.Single(refused.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"the key folder {keys} is open to other users (750)", line);
            Assert.Contains($"chmod 700 {keys}", line);
        });
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // owner-only modes are POSIX file modes
    public async Task Init_keys_creates_owner_only_keys_once_and_keeps_them()
    {
        await InTemporaryFolderAsync(async parent =>
        {
            var keys = Path.Combine(parent, "keys");
            var environment = new Dictionary<string, string?> { ["Ledger__KeyDirectory"] = keys };
            var first = await CommandLine.RunApiAsync(parent, environment, "init-keys");
            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Equal($"signing keys in {keys}: created {SigningKeys.LedgerKey}, {SigningKeys.TokenKey}\n", first.StandardOutput);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
            string[] files = [Path.Combine(keys, SigningKeys.LedgerKey), Path.Combine(keys, SigningKeys.TokenKey)];
            Assert.All(files, file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
            var contents = files.Select(File.ReadAllText).ToArray();

            var second = await CommandLine.RunApiAsync(parent, environment, "init-keys");
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Equal($"signing keys in {keys}: present, kept\n", second.StandardOutput);
            Assert.Equal(contents, files.Select(File.ReadAllText));
        });
    }
}
