import XCTest

@testable import FrontlineKit

/// Claims read by clause: verb groups (voice, negation, modals, adjectives), relative clauses, lists,
/// parts of places, and the actor the context gives an agentless passive. Every article here is written
/// for the test.
final class ClauseReadingTests: XCTestCase {
    func claims(_ body: String, title: String = "Fighting in Syria") throws -> [ControlClaim] {
        let f = try Fixtures.frontline()
        return f.claimsDocument(for: Article(name: "t", text: title + "\n\n" + body + "\n")).controlClaims
    }

    func has(_ cs: [ControlClaim], _ actor: String, _ action: ControlAction, _ place: String) -> Bool {
        cs.contains { $0.actor == actor && $0.action == action && $0.location == place }
    }

    func testVerbGroupsReadTheirVoiceAndForm() {
        let v = ControlVerbs.shared
        func group(_ s: String, _ word: String) throws -> ControlVerbs.Group {
            let lower = s.lowercased().split(separator: " ").map(String.init)
            return try XCTUnwrap(v.group(at: try XCTUnwrap(lower.firstIndex(of: word)), in: lower))
        }
        XCTAssertTrue(try group("the town had been retaken by the army", "retaken").passive)
        XCTAssertTrue(try group("the town had been retaken by the army", "retaken").pastPerfect)
        XCTAssertFalse(try group("the army had retaken the town", "retaken").passive)
        XCTAssertTrue(try group("Tikrit captured by the militants in 2014", "captured").reduced)
        XCTAssertTrue(try group("the rebels have not captured the town", "captured").negated)
        XCTAssertTrue(try group("the rebels haven't captured the town", "captured").negated)
        XCTAssertTrue(try group("the besieged city", "besieged").attributive)
        XCTAssertTrue(try group("the capture of the town", "capture").attributive)
        XCTAssertTrue(try group("fled to surrounding villages", "surrounding").attributive)
        XCTAssertTrue(try group("the area is under rebel control", "control").attributive)
        XCTAssertTrue(try group("on the western approach to the city", "approach").attributive)
        XCTAssertFalse(try group("the army was taking the town", "taking").passive)
        XCTAssertTrue(try group("the army was taking the town", "taking").gerund)
        XCTAssertNil(v.group(at: 0, in: ["walked"]))
    }

    func testAgentlessPassiveTakesTheSideTheContextNames() throws {
        let cs = try claims(
            """
            Syrian government forces advanced through the countryside east of Homs on Monday and captured \
            Qaryatain. Palmyra was retaken on Tuesday, state media said.
            """)
        XCTAssertTrue(has(cs, "syrian-government", .captured, "Palmyra"), "\(cs.map(\.actor))")
        let c = try XCTUnwrap(cs.first { $0.location == "Palmyra" })
        XCTAssertEqual(c.notes, "actor not stated in the sentence: from the article's context")
    }

    func testTheLoserIsNeverTheTaker() throws {
        let cs = try claims(
            """
            ISIS fighters abandoned their positions near Palmyra on Monday. Palmyra was liberated from ISIS \
            on Tuesday, the army said.
            """)
        XCTAssertFalse(has(cs, "isis", .captured, "Palmyra"))
        XCTAssertTrue(has(cs, "syrian-government", .captured, "Palmyra"), "\(cs.map { "\($0.actor) \($0.location)" })")
    }

    func testNegationsModalsAndNounsAreNotEvents() throws {
        let cs = try claims(
            """
            Rebels did not capture Marea. The army will enter Manbij soon, officials said. The capture of \
            Jarabulus by ISIS was not confirmed. Rebels were cautious about entering Azaz.
            """)
        XCTAssertTrue(cs.isEmpty, "\(cs.map { "\($0.actor) \($0.action) \($0.location)" })")
    }

    func testRelativeClauseHangsOnThePlaceBeforeIt() throws {
        let cs = try claims("Fighting raged around Manbij, which the SDF captured in August, and near Jarabulus.")
        XCTAssertTrue(has(cs, "sdf", .captured, "Manbij"))
        XCTAssertFalse(cs.contains { $0.location == "Jarabulus" })
    }

    func testListsShareTheClaimAndACommaAloneIsNoList() throws {
        let cs = try claims("The army said it had taken the towns of Azaz, Marea and Tal Rifaat on Sunday.")
        for p in ["Azaz", "Marea", "Tal Rifaat"] { XCTAssertTrue(has(cs, "syrian-government", .captured, p), p) }
        let apart = try claims("West of Raqqa, Tabqa was retaken by the SDF in May.")
        XCTAssertTrue(has(apart, "sdf", .captured, "Tabqa"))
        XCTAssertFalse(apart.contains { $0.location == "Raqqa" })
    }

    func testAPartOfAPlaceIsNotThePlace() throws {
        let cs = try claims("ISIS seized positions on the edge of Deir Ezzor. Rebels took villages near Azaz.")
        XCTAssertFalse(cs.contains { $0.action == .captured }, "\(cs.map { "\($0.actor) \($0.location)" })")
        let entered = try claims("Syrian troops entered the eastern districts of Aleppo on Monday.")
        XCTAssertTrue(entered.contains { $0.action == .entered && $0.location == "Aleppo" })
    }

    func testGerundClausesAndPerfectInfinitives() throws {
        let cs = try claims(
            "After capturing Akhtarin, the rebels advanced on al-Bab. ISIS claimed to have taken Marea.")
        XCTAssertTrue(has(cs, "rebels", .captured, "Akhtarin"))
        XCTAssertTrue(has(cs, "isis", .captured, "Marea"))
    }

    func testAReducedRelativeHangsOnTheNearestPlace() throws {
        let cs = try claims("Refugees fled on the road to Azaz, a town still held by rebels.")
        XCTAssertTrue(has(cs, "rebels", .holds, "Azaz"))
    }

    func testAWithdrawalTowardsAPlaceIsNotFromIt() throws {
        let cs = try claims("ISIS fighters withdrew towards Raqqa on Monday.")
        XCTAssertFalse(cs.contains { $0.location == "Raqqa" && $0.action == .withdrew })
    }

    func testASupporterInOneWarIsACombatantInAnother() throws {
        let actors = try Fixtures.frontline().actors
        XCTAssertEqual(actors.actor(id: "russia")?.role, .combatant)
        XCTAssertEqual(actors.forCountries(["SY"]).actor(id: "russia")?.role, .supporter)
        XCTAssertEqual(actors.forCountries(["UA"]).actor(id: "russia")?.role, .combatant)
    }

    func testNounsOfControlNameTheirSide() throws {
        let cs = try claims(
            """
            The fall of Palmyra to ISIS shocked the capital. The recapture of Manbij by the SDF took weeks. \
            The fall of Azaz would be a blow, officials said. The capture of Marea was announced on Monday.
            """)
        XCTAssertTrue(has(cs, "isis", .captured, "Palmyra"))
        XCTAssertTrue(has(cs, "sdf", .captured, "Manbij"))
        XCTAssertFalse(cs.contains { $0.location == "Azaz" || $0.location == "Marea" })
    }

    func testInTheHandsOfAndUnitsOfASide() throws {
        let cs = try claims(
            """
            The air base remained in the hands of the Syrian army near Palmyra. Palmyra is in the hands of the \
            Syrian army. Units of the Syrian army took Qaryatain on Monday.
            """)
        XCTAssertTrue(has(cs, "syrian-government", .holds, "Palmyra"))
        XCTAssertTrue(has(cs, "syrian-government", .captured, "Qaryatain"))
    }

    func testActorsByDescription() throws {
        let cs = try claims(
            "HTS-led fighters captured Saraqeb. Kurdish-led forces took Manbij. Syrian special forces took Palmyra.")
        XCTAssertTrue(has(cs, "hts", .captured, "Saraqeb"))
        XCTAssertTrue(has(cs, "sdf", .captured, "Manbij"))
        XCTAssertTrue(has(cs, "syrian-government", .captured, "Palmyra"), "\(cs.map { "\($0.actor) \($0.location)" })")
    }

    func testHoldingAPlaceResponsibleIsNoHolding() throws {
        let cs = try claims("The rebels said they held Damascus responsible for the attack on Azaz.")
        XCTAssertFalse(cs.contains { $0.action == .holds })
    }

    func testAPlaceThatFellIsTaken() throws {
        let cs = try claims(
            """
            Palmyra fell to ISIS in May. The rebels said Marea fell on Monday after a week of fighting. \
            Shells fell on Azaz. State media denied that Tal Rifaat had fallen.
            """)
        XCTAssertTrue(has(cs, "isis", .captured, "Palmyra"))
        XCTAssertTrue(has(cs, "rebels", .captured, "Marea"), "\(cs.map { "\($0.actor) \($0.location)" })")
        XCTAssertFalse(cs.contains { $0.location == "Azaz" || $0.location == "Tal Rifaat" })
    }

    func testDrivingASideOutOfAPlace() throws {
        let cs = try claims(
            "The SDF drove ISIS out of Manbij on Friday. Rebels pushed ISIS back from positions near Azaz.")
        XCTAssertTrue(has(cs, "sdf", .captured, "Manbij"))
        XCTAssertTrue(has(cs, "isis", .withdrew, "Manbij"))
        XCTAssertFalse(cs.contains { $0.location == "Azaz" })
    }

    func testIncludingListsTheObject() throws {
        let cs = try claims("ISIS still controls most of the province, including the towns of Mayadin and Albu Kamal.")
        XCTAssertTrue(has(cs, "isis", .holds, "Mayadin"))
        XCTAssertTrue(has(cs, "isis", .holds, "Albu Kamal"))
    }

    func testARelativeClausePastADirectionHangsOnTheApposition() throws {
        let cs = try claims(
            "Fighting went on near Manbij, a town about 80 km northeast of Aleppo which the SDF took in August.")
        XCTAssertTrue(has(cs, "sdf", .captured, "Manbij"), "\(cs.map { "\($0.actor) \($0.location)" })")
        XCTAssertFalse(cs.contains { $0.location == "Aleppo" })
    }

    func testFightingOverAPlaceMakesItContested() throws {
        let cs = try claims(
            """
            Rebels captured Marea on Monday. Fighting was continuing in Marea on Tuesday. \
            Azaz remains divided, residents said. No fighting continued in Manbij.
            """)
        XCTAssertTrue(has(cs, "rebels", .contested, "Marea"))
        XCTAssertTrue(cs.contains { $0.action == .contested && $0.location == "Azaz" })
        XCTAssertFalse(cs.contains { $0.location == "Manbij" })
        let f = try Fixtures.frontline()
        let doc = f.claimsDocument(
            for: Article(name: "t", text: "Fighting in Syria\n\nFighting continues in Marea, rebels said.\n"))
        let after = try XCTUnwrap(doc.states.first { $0.phase == .after })
        XCTAssertEqual(after.status, .contested)
    }

    func testClaimsOnAPlaceNotLocatedAreKeptAndNeverDrawn() throws {
        let f = try Fixtures.frontline()
        let article = Article(
            name: "t", text: "Fighting in Syria\n\nRebels captured the village of Qarqashiyat al-Wusta near Azaz.\n")
        let doc = f.claimsDocument(for: article)
        let c = try XCTUnwrap(doc.claims.first { $0.location == "Qarqashiyat al-Wusta" })
        XCTAssertEqual(c.action, .captured)
        XCTAssertTrue(ControlClaim.isUnlocated(c.place))
        XCTAssertNil(c.lat)
        XCTAssertEqual(c.geo_precision, 0)
        XCTAssertEqual(c.notes, "not located")
        XCTAssertTrue(ClaimsTable.render(doc, actors: f.actors).contains("Qarqashiyat al-Wusta (not located)"))
        // The file reads back as it was written, and the map draws no marker for it.
        let back = try ClaimsDocument.decode(Data(try doc.json().utf8), file: "t.json", actors: f.actors)
        XCTAssertEqual(back.claims, doc.claims)
        XCTAssertFalse(back.resolution.places.contains { ControlClaim.isUnlocated($0.entry.id) })
    }

    func testARelativeClauseWithoutWhich() throws {
        let cs = try claims("The rebels will push on to Palmyra, the desert city ISIS took in May, and to Homs.")
        XCTAssertTrue(has(cs, "isis", .captured, "Palmyra"), "\(cs.map { "\($0.actor) \($0.location)" })")
        XCTAssertFalse(cs.contains { $0.location == "Homs" })
    }

    func testHeldAdjectivesAgentListsAndPartsHeld() throws {
        let cs = try claims(
            """
            Fighting went on north of Syrian-held Palmyra. Albu Kamal is held by ISIS and the Nusra Front. \
            The rebels still hold the northern part of Azaz. ISIS still holds the town of al-Qaim.
            """)
        XCTAssertTrue(has(cs, "syrian-government", .holds, "Palmyra"), "\(cs.map { "\($0.actor) \($0.location)" })")
        XCTAssertTrue(has(cs, "isis", .holds, "Albu Kamal"))
        XCTAssertTrue(has(cs, "nusra", .holds, "Albu Kamal"))
        XCTAssertTrue(has(cs, "rebels", .holds, "Azaz"))
        XCTAssertTrue(has(cs, "isis", .holds, "al-Qaim"))
    }

    func testAPronounTakesTheNearestSideBeforeIt() throws {
        let cs = try claims(
            "SDF fighters took the square, where ISIS had staged executions after they seized Raqqa in 2014.")
        XCTAssertTrue(has(cs, "isis", .captured, "Raqqa"), "\(cs.map { "\($0.actor) \($0.location)" })")
        XCTAssertFalse(has(cs, "sdf", .captured, "Raqqa"))
    }

    func testInReportedSpeechAPronounIsTheSpeakersSide() throws {
        let cs = try claims("The SDF said that it was fighting ISIS in Raqqa and that it held most of Tabqa.")
        XCTAssertTrue(has(cs, "sdf", .holds, "Tabqa"), "\(cs.map { "\($0.actor) \($0.location)" })")
    }

    func testCiviliansAreNoSideAndAnApposedHeldCapital() throws {
        let cs = try claims(
            """
            Since fighting broke out between ISIS and the SDF, thousands of civilians fled Manbij. \
            Rebels took Marea, 20 km north of Azaz, the ISIS-held capital of the district. \
            Azaz and Marea are the towns the rebels hold in the province. Rebels hold pockets in Tal Rifaat.
            """)
        XCTAssertFalse(cs.contains { $0.location == "Manbij" }, "\(cs.map { "\($0.actor) \($0.location)" })")
        XCTAssertTrue(has(cs, "isis", .holds, "Azaz"))
        XCTAssertTrue(has(cs, "rebels", .holds, "Tal Rifaat"))
    }

    func testASideBeforeAPlaceNounAndTheWholeCity() throws {
        let cs = try claims(
            "ISIS attacked the rebel towns of Marea and Azaz. Later the SDF took Manbij and controlled the whole city.")
        XCTAssertTrue(has(cs, "rebels", .holds, "Marea"))
        XCTAssertTrue(has(cs, "rebels", .holds, "Azaz"))
        XCTAssertTrue(has(cs, "sdf", .holds, "Manbij"), "\(cs.map { "\($0.actor) \($0.action) \($0.location)" })")
    }

    func testDeclaringAPlaceLiberated() throws {
        let cs = try claims("Iraqi forces on Monday declared the city of Ramadi liberated.", title: "Fighting in Iraq")
        XCTAssertTrue(has(cs, "iraqi-government", .captured, "Ramadi"), "\(cs.map { "\($0.actor) \($0.location)" })")
    }
}
