package io.jenkins.plugins.buildstash.emulator;

import io.jenkins.plugins.buildstash.emulator.Model.Application;
import io.jenkins.plugins.buildstash.emulator.Model.User;
import io.jenkins.plugins.buildstash.emulator.Model.Webhook;
import java.util.List;

/** A realistic workspace to run against: members, labels, streams, custom targets, two applications, a webhook. */
final class Seeder {

    static final String APPLICATION_NAME = "Space Game";
    static final List<String> PLATFORMS = List.of("android", "ios", "windows");
    static final List<String> STREAMS = List.of("production", "beta", "nightly");

    private final EmulatorState state;

    Seeder(EmulatorState state) {
        this.state = state;
    }

    Seed seedDefaults() {
        User owner = state.addUser("Ada Lovelace", "ada@emulated.example", "owner");
        User admin = state.addUser("Grace Hopper", "grace@emulated.example", "admin");
        User tester = state.addUser("Linus Tester", "linus@emulated.example", "member");
        state.addLabel(null, "release-candidate", "Candidate for the next store release", "#f59e0b");
        state.addLabel(null, "hotfix", null, "#ef4444");
        state.addDefaultStream("production", "Builds shipped to stores", null);
        state.addDefaultStream("beta", "Builds for testers", 90);
        state.addDefaultStream("nightly", "Automated nightly builds", 14);
        state.addCustomTarget(null, "Samsung Galaxy Store", "Samsung's Android store", "android");
        state.addCustomTarget(null, "Steam", null, "windows");

        Application game = state.addApplication(APPLICATION_NAME, "A game shipped on phones and PC", PLATFORMS);
        state.addStream(game.id(), "production", "Builds shipped to stores", null);
        state.addStream(game.id(), "beta", "Builds for testers", 90);
        state.addStream(game.id(), "nightly", "Automated nightly builds", 14);
        state.addLabel(game.id(), "signed", "Signed for release", "#10b981");
        state.addCustomTarget(game.id(), "Amazon Appstore", null, "android");
        state.addApplicationMember(game.id(), owner.id(), "admin");
        state.addApplicationMember(game.id(), admin.id(), "developer");
        state.addApplicationMember(game.id(), tester.id(), "qa");
        state.addWebhook(new Webhook(EmulatorState.newId(), game.id(), "Notify the release channel",
                "https://hooks.emulated.example/buildstash", "build.created", "json", true,
                state.stream(game.id(), "production").orElseThrow().id(), state.now(), state.now()));

        Application companion = state.addApplication("Companion App", "The game's companion app", List.of("ios"));
        state.addStream(companion.id(), "production", null, null);
        state.addApplicationMember(companion.id(), owner.id(), "admin");

        String workspaceKey = state.issueKey(ApiKey.Kind.WORKSPACE, null, Scopes.WORKSPACE);
        String applicationKey = state.issueKey(ApiKey.Kind.APPLICATION, game.id(), Scopes.APPLICATION);
        return new Seed(state.workspace().id(), game.id(), game.name(), PLATFORMS, STREAMS, companion.id(),
                workspaceKey, applicationKey);
    }
}
