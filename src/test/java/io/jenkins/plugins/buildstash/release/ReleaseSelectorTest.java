package io.jenkins.plugins.buildstash.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.RequestRecord;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way of selecting a release, and every way of not finding exactly one, against the emulator. */
class ReleaseSelectorTest {

    private ReleaseFixture fx;
    private String android;
    private String ios;
    private String windows;

    @BeforeEach
    void start() throws Exception {
        fx = ReleaseFixture.onSteppedClock();
        android = fx.build("android", "production", "2.3.0", "game.apk", new byte[] {1});
        ios = fx.build("ios", "production", "2.3.0", "Game.ipa", new byte[] {2});
        windows = fx.build("windows", "beta", "2.4.0-beta.1", "GameSetup.exe", new byte[] {3});
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private SelectedRelease select(ReleaseSelection selection) throws Exception {
        return new ReleaseSelector(fx.client(), fx.log::add).select(selection);
    }

    private String app() {
        return fx.seed.applicationId();
    }

    @Test
    void selectsAReleaseByIdWithItsBuildsInFull() throws Exception {
        String id = fx.release("2.3.0", "Spring Update", List.of("signed"), android, ios);

        SelectedRelease selected = select(ReleaseSelection.byId(app(), id));

        assertThat(selected.release().id()).isEqualTo(id);
        assertThat(selected.release().builds()).extracting(b -> b.primaryFile().filename())
                .containsExactlyInAnyOrder("game.apk", "Game.ipa");
        assertThat(fx.emulator.requestCount("listReleases")).as("no list needed").isZero();
    }

    @Test
    void anUnknownReleaseIdSaysBuildstashFoundNoSuchRelease() {
        assertThatThrownBy(() -> select(ReleaseSelection.byId(app(), "no-such-release")))
                .isInstanceOf(BuildstashException.class)
                .hasMessageContaining("found no release 'no-such-release' of application '" + app() + "'")
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void selectsByTheExactVersionAndNotByReleasesThatMerelyMentionIt() throws Exception {
        fx.emulator.addRelease(app(), "12.3.0", "Mentions 2.3.0 in its title", "Follows 2.3.0", List.of(), List.of(ios));
        String wanted = fx.release("2.3.0", "Spring Update", List.of(), android, ios);
        fx.emulator.addRelease(app(), "2.3.1", "Hotfix", "Fixes a crash in 2.3.0", List.of(), List.of(android));

        SelectedRelease selected = select(ReleaseSelection.byVersion(app(), "2.3.0"));

        assertThat(selected.release().id()).isEqualTo(wanted);
        assertThat(fx.emulator.requestLog()).filteredOn(r -> r.route().equals("listReleases")).hasSize(1);
    }

    @Test
    void theFullVersionWinsOverAReleaseCandidateWithTheSameShortVersion() throws Exception {
        fx.release("2.3.0-rc.1", "Candidate", List.of(), android);
        String wanted = fx.release("2.3.0", "Spring Update", List.of(), android, ios);
        fx.release("2.3.0-rc.2", "Late candidate", List.of(), android);

        assertThat(select(ReleaseSelection.byVersion(app(), "2.3.0")).release().id()).isEqualTo(wanted);
    }

    @Test
    void theShortVersionMatchesWhenNoReleaseHasThatFullVersion() throws Exception {
        String wanted = fx.release("2.4.0+build.7", "Summer", List.of(), windows);

        SelectedRelease selected = select(ReleaseSelection.byVersion(app(), "2.4.0"));

        assertThat(selected.release().id()).isEqualTo(wanted);
        assertThat(selected.release().version()).isEqualTo("2.4.0+build.7");
    }

    @Test
    void severalReleasesWithTheVersionAreRefusedListingThemAndAskingForTheReleaseId() throws Exception {
        String first = fx.release("2.3.0", "Spring Update", List.of(), android);
        String second = fx.release("2.3.0", "Spring Update (re-cut)", List.of(), android, ios);

        assertThatThrownBy(() -> select(ReleaseSelection.byVersion(app(), "2.3.0")))
                .isInstanceOf(ReleaseException.class)
                .hasMessageStartingWith("2 releases of application '" + app() + "' match the version '2.3.0':")
                .hasMessageContaining(first + ": 2.3.0 'Spring Update', created 2026-11-02T09:01:00Z")
                .hasMessageContaining(second + ": 2.3.0 'Spring Update (re-cut)', created 2026-11-02T09:02:00Z")
                .hasMessageEndingWith("Select one of them by releaseId");
        assertThat(fx.emulator.requestCount("getRelease")).isZero();
    }

    @Test
    void severalReleaseCandidatesOfOneShortVersionAreAmbiguousToo() throws Exception {
        fx.release("2.3.0-rc.1", "Candidate 1", List.of(), android);
        fx.release("2.3.0-rc.2", "Candidate 2", List.of(), android);

        assertThatThrownBy(() -> select(ReleaseSelection.byVersion(app(), "2.3.0")))
                .hasMessageContaining("2 releases")
                .hasMessageContaining("2.3.0-rc.1")
                .hasMessageContaining("2.3.0-rc.2");
    }

    @Test
    void anUnknownVersionNamesTheApplicationAndTheNewestVersionsThatExist() throws Exception {
        for (String v : List.of("1.0.0", "1.1.0", "2.0.0", "2.1.0", "2.2.0", "2.3.0")) {
            fx.release(v, null, List.of(), android);
        }

        assertThatThrownBy(() -> select(ReleaseSelection.byVersion(app(), "9.9.9")))
                .isInstanceOf(ReleaseException.class)
                .hasMessage("No release of application '" + app() + "' has the version '9.9.9'; the newest it has:"
                        + " 2.3.0, 2.2.0, 2.1.0, 2.0.0, 1.1.0. Check the version, or select the release by releaseId");
    }

    @Test
    void aVersionInAnApplicationWithoutReleasesSaysReleasesAreMadeInTheWebApp() {
        assertThatThrownBy(() -> select(ReleaseSelection.byVersion(app(), "2.3.0")))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("has the version '2.3.0': it has no releases yet (releases are created in the"
                        + " Buildstash web app; the API cannot create them)");
    }

    @Test
    void everyPageOfTheSearchIsRead() throws Exception {
        String wanted = fx.release("2.3.0", "The one", List.of(), android);
        // 100 newer releases that mention 2.3.0 in their notes push the exact match onto the second page.
        IntStream.range(0, 100).forEach(i -> fx.emulator.addRelease(app(), "3.0." + i, null, "Builds on 2.3.0",
                List.of(), List.of(android)));

        SelectedRelease selected = select(ReleaseSelection.byVersion(app(), "2.3.0"));

        assertThat(selected.release().id()).isEqualTo(wanted);
        assertThat(fx.emulator.requestCount("listReleases")).as("pages of the search").isEqualTo(2);
    }

    @Test
    void whenTheSearchMissesTheVersionEveryReleaseIsListedBeforeGivingUp() throws Exception {
        String wanted = fx.release("2.3.0", "Spring Update", List.of(), android);
        fx.emulator.faults().on("listReleases").once().inject(Fault.status(200).withBody("application/json",
                "{\"message\":\"ok\",\"data\":[],\"pagination\":{\"current_page\":1,\"per_page\":100,\"total\":0,"
                        + "\"last_page\":1,\"from\":null,\"to\":null}}"));

        SelectedRelease selected = select(ReleaseSelection.byVersion(app(), "2.3.0"));

        assertThat(selected.release().id()).isEqualTo(wanted);
        assertThat(fx.log).contains("Buildstash's search did not find version 2.3.0; found it by listing every release");
    }

    @Test
    void theNewestReleaseIsTheMostRecentlyCreated() throws Exception {
        fx.release("2.3.0", "Spring", List.of(), android);
        String newest = fx.release("2.2.1", "A patch of an older line, made later", List.of(), android);

        assertThat(select(ReleaseSelection.newest(app(), List.of(), List.of())).release().id()).isEqualTo(newest);
    }

    @Test
    void theNewestReleaseMatchingLabelsAndPlatformsIsChosen() throws Exception {
        String approved = fx.release("2.3.0", "Approved", List.of("approved"), android, ios);
        fx.release("2.3.1", "Approved, Windows only", List.of("approved"), windows);
        fx.release("2.4.0", "Not approved", List.of("qa"), android, ios);

        SelectedRelease selected = select(ReleaseSelection.newest(app(), List.of("approved"), List.of("ios")));

        assertThat(selected.release().id()).isEqualTo(approved);
        assertThat(fx.emulator.requestLog()).filteredOn(r -> r.route().equals("listReleases"))
                .singleElement().extracting(RequestRecord::status).isEqualTo(200);
    }

    @Test
    void noReleaseMatchingTheFiltersIsAClearError() throws Exception {
        fx.release("2.3.0", "Approved", List.of("approved"), android);
        fx.emulator.addLabel(app(), "gold");

        assertThatThrownBy(() -> select(ReleaseSelection.newest(app(), List.of("gold"), List.of("windows"))))
                .isInstanceOf(ReleaseException.class)
                .hasMessage("No release of application '" + app() + "' with labels gold and with builds on windows."
                        + " Check the label names and platform identifiers, or select the release by version or"
                        + " releaseId");
    }

    @Test
    void anApplicationWithoutReleasesHasNoNewestOne() {
        assertThatThrownBy(() -> select(ReleaseSelection.newest(app(), List.of(), List.of())))
                .isInstanceOf(ReleaseException.class)
                .hasMessage("Application '" + app() + "' has no releases yet: releases are created in the Buildstash"
                        + " web app (the API cannot create them)");
    }

    @Test
    void aLabelBuildstashDoesNotKnowIsItsValidationError() {
        assertThatThrownBy(() -> select(ReleaseSelection.newest(app(), List.of("no-such-label"), List.of())))
                .isInstanceOf(BuildstashException.class)
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("no-such-label");
    }

    @Test
    void settingBothReleaseIdAndVersionIsRefusedBeforeAnyRequest() {
        ReleaseSelection both = new ReleaseSelection(app(), "r1", "2.3.0", List.of(), List.of());

        assertThatThrownBy(() -> select(both))
                .isInstanceOf(ReleaseException.class)
                .hasMessage("Set either releaseId or version, not both: releaseId 'r1' and version '2.3.0' would each"
                        + " select a release");
        assertThat(fx.emulator.requestLog()).isEmpty();
    }

    @Test
    void withoutAnApplicationIdTheOnlyApplicationTheKeyReachesIsUsed() throws Exception {
        String id = fx.release("2.3.0", "Spring Update", List.of(), android);

        SelectedRelease selected = select(ReleaseSelection.byVersion(null, "2.3.0"));

        assertThat(selected.applicationId()).isEqualTo(app());
        assertThat(selected.applicationName()).isEqualTo("Space Game");
        assertThat(selected.release().id()).isEqualTo(id);
        assertThat(fx.log).contains("Using the application 'Space Game' (" + app()
                + "), the only one the API key reaches");
    }

    @Test
    void aKeyThatReachesSeveralApplicationsMustNameOne() {
        ReleaseSelector selector = new ReleaseSelector(fx.client(fx.seed.workspaceKey()), fx.log::add);

        assertThatThrownBy(() -> selector.select(ReleaseSelection.newest(null, List.of(), List.of())))
                .isInstanceOf(ReleaseException.class)
                .hasMessageStartingWith("Set applicationId: the API key reaches 2 applications: ")
                .hasMessageContaining("Space Game (" + app() + ")")
                .hasMessageContaining("Companion App (" + fx.seed.otherApplicationId() + ")");
    }

    @Test
    void aKeyThatMayNotListApplicationsMustNameOne() {
        String key = fx.emulator.addWorkspaceKey("releases:read");
        ReleaseSelector selector = new ReleaseSelector(fx.client(key), fx.log::add);

        assertThatThrownBy(() -> selector.select(ReleaseSelection.newest(null, List.of(), List.of())))
                .isInstanceOf(ReleaseException.class)
                .hasMessageStartingWith("Set applicationId: the API key may not list applications")
                .hasMessageContaining("applications:read");
    }
}
