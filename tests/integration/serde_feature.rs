//! The `serde` feature (issue 14, item 1): the value and record types in a
//! downstream crate's own serde structs, written exactly as the formats write
//! them and read back with the formats' checks.

use policy_targets::{
    Cadence, Category, Count, Direction, Evaluator, EvidenceRecord, Lang, Method, MetricKind,
    Percent, Period, Qualifier, Rank, Refusal, ResultRecord, ResultsDocument, RollUpMode, Rule,
    Status, UnitLevel, parse_date, vn,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The built-in record, evaluated with its units, as a results document.
fn document(lang: Lang) -> ResultsDocument {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    let evaluator = Evaluator::new(catalogue).with_units(vn::units());
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2026-11-28").unwrap())
        .unwrap();
    evaluation.to_document_in(lang)
}

#[test]
fn a_results_document_serialises_to_exactly_its_json() {
    for lang in [Lang::En, Lang::Vi] {
        let doc = document(lang);
        let json = doc.to_json();
        // Every optional block is there to be compared.
        for block in [
            "\"progress\"",
            "\"every_period\"",
            "\"qualifier\"",
            "\"refusal\"",
        ] {
            assert!(json.contains(block), "{block}");
        }
        assert_eq!(serde_json::to_string_pretty(&doc).unwrap(), json);
        let compact: Value = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
        assert_eq!(compact, serde_json::from_str::<Value>(&json).unwrap());
        // A round trip is identical.
        let back: ResultsDocument = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc);
        assert_eq!(back.to_json(), json);
    }
}

#[test]
fn each_record_serialises_as_its_block_of_the_document() {
    let doc = document(Lang::En);
    let json: Value = serde_json::from_str(&doc.to_json()).unwrap();
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), doc.results().len());
    for (record, written) in doc.results().iter().zip(results) {
        assert_eq!(&serde_json::to_value(record).unwrap(), written);
        let back: ResultRecord = serde_json::from_value(written.clone()).unwrap();
        assert_eq!(&back, record);
        if let Some(e) = &record.evidence {
            assert_eq!(serde_json::to_value(e).unwrap(), written["evidence"]);
            let back: EvidenceRecord = serde_json::from_value(written["evidence"].clone()).unwrap();
            assert_eq!(&back, e);
        }
        if let Some(p) = &record.progress {
            assert_eq!(serde_json::to_value(p).unwrap(), written["progress"]);
            assert_eq!(
                &serde_json::from_value::<policy_targets::ProgressRecord>(
                    written["progress"].clone()
                )
                .unwrap(),
                p
            );
        }
        if let Some(e) = &record.every_period {
            assert_eq!(serde_json::to_value(e).unwrap(), written["every_period"]);
            assert_eq!(
                &serde_json::from_value::<policy_targets::EveryPeriodRecord>(
                    written["every_period"].clone()
                )
                .unwrap(),
                e
            );
        }
    }
}

#[test]
fn roll_up_records_round_trip() {
    let (catalogue, observations) = policy_targets::load(
        r#"{"format": "policy-targets/catalogue@1",
            "indicators": [{"id": "online", "kind": "percent"}],
            "targets": [{"id": "communes_50", "indicator": "online", "unit": "VN",
                         "rule": {"at_least": "50"}, "deadline": "2025",
                         "applies_to": {"level": "commune", "mode": "pooled"}}]}"#,
        r#"{"format": "policy-targets/observations@1", "observations": [
            {"indicator": "online", "unit": "C1", "period": "2025", "published": "2026-02-01", "numerator": 90, "denominator": 100},
            {"indicator": "online", "unit": "C2", "period": "2025", "published": "2026-02-01", "numerator": 10, "denominator": 1000}]}"#,
    )
    .unwrap();
    let units = policy_targets::Units::from_json(
        r#"{"format": "policy-targets/units@1", "units": [
            {"id": "VN", "level": "national"},
            {"id": "C1", "level": "commune", "parent": "VN"},
            {"id": "C2", "level": "commune", "parent": "VN"}]}"#,
    )
    .unwrap();
    let evaluator = Evaluator::new(catalogue).with_units(units);
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2026-06-01").unwrap())
        .unwrap();
    let doc = evaluation.to_document();
    let record = doc.results()[0].roll_up.clone().unwrap();
    let json = serde_json::to_value(&record).unwrap();
    assert_eq!(json["mode"], "pooled");
    assert_eq!(json["share_meeting"], "50");
    assert_eq!(json["per_unit"][1]["status"], "missed");
    let back: policy_targets::RollUpRecord = serde_json::from_value(json).unwrap();
    assert_eq!(back, record);
    let unit: policy_targets::UnitRecord =
        serde_json::from_value(serde_json::to_value(&record.per_unit[0]).unwrap()).unwrap();
    assert_eq!(unit, record.per_unit[0]);
    assert_eq!(serde_json::to_string_pretty(&doc).unwrap(), doc.to_json());
}

/// What an agency's own code keeps: its own fields beside ours.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct AgencyReport {
    ministry: String,
    headline: Status,
    period: Period,
    rule: Rule,
    share: Percent,
    rank: Rank,
    results: ResultsDocument,
}

#[test]
fn a_downstream_struct_round_trips_through_serde_json() {
    let report = AgencyReport {
        ministry: "Bộ Khoa học và Công nghệ".to_owned(),
        headline: Status::OffTrack,
        period: "2025-Q3".parse().unwrap(),
        rule: Rule::AtLeast("80.0".parse().unwrap()),
        share: "85.10".parse().unwrap(),
        rank: Rank::new(71).unwrap(),
        results: document(Lang::Vi),
    };
    let json = serde_json::to_string(&report).unwrap();
    // Values as their text, decimals exactly as written.
    assert!(
        json.contains(r#""headline":"off_track","period":"2025-Q3","rule":{"at_least":"80.0"},"share":"85.10","rank":"71""#),
        "{}",
        &json[..300]
    );
    let back: AgencyReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    assert_eq!(back.share.get().to_string(), "85.10");
    let pretty = serde_json::to_string_pretty(&report).unwrap();
    assert_eq!(
        serde_json::from_str::<AgencyReport>(&pretty).unwrap(),
        report
    );
}

#[test]
fn reading_checks_as_the_formats_do() {
    // A bad period is an error, not a panic, and says what is wrong.
    let e = serde_json::from_str::<Period>(r#""2025-Q5""#).unwrap_err();
    assert!(e.to_string().contains("2025-Q5"), "{e}");
    assert!(serde_json::from_str::<Period>("2025").is_err());
    assert!(serde_json::from_str::<Status>(r#""passed""#).is_err());
    assert!(serde_json::from_str::<Percent>(r#""100.5""#).is_err());
    assert!(serde_json::from_str::<Rank>(r#""0""#).is_err());
    assert!(serde_json::from_str::<Count>(r#""-1""#).is_err());
    for bad in [
        r#"{"at_least": 80.5}"#,
        r#"{"at_least": "85,1"}"#,
        r#"{"within_top": 0}"#,
        r#"{"above": "80"}"#,
        r#"{"at_least": "80", "at_most": "90"}"#,
        r#"{}"#,
    ] {
        assert!(serde_json::from_str::<Rule>(bad).is_err(), "{bad}");
    }
    assert_eq!(
        serde_json::from_str::<Rule>(r#"{"within_top": 70}"#).unwrap(),
        Rule::WithinTop(70)
    );
    assert_eq!(
        serde_json::from_str::<Rule>(r#"{"more_than": 50}"#).unwrap(),
        Rule::MoreThan("50".parse().unwrap())
    );
    // A results document: the format and every field are checked.
    let doc = document(Lang::En).to_json();
    let typo = doc.replacen("\"projected\"", "\"projectd\"", 1);
    let e = serde_json::from_str::<ResultsDocument>(&typo).unwrap_err();
    assert!(e.to_string().contains("projectd"), "{e}");
    // The line and column would be those of a text the caller never saw.
    assert!(!e.to_string().contains("line "), "{e}");
    let other = doc.replacen("results@1", "results@9", 1);
    assert!(serde_json::from_str::<ResultsDocument>(&other).is_err());
    let e = serde_json::from_str::<EvidenceRecord>(
        r#"{"period": "2025-13", "published": "2026-01-01", "value": "1"}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("evidence.period"), "{e}");
}

fn round_trips<T>(values: &[T])
where
    T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug + std::fmt::Display,
{
    for v in values {
        let json = serde_json::to_string(v).unwrap();
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), v);
    }
}

#[test]
fn every_value_type_round_trips_as_its_name() {
    round_trips(Status::ALL);
    round_trips(&UnitLevel::ALL);
    round_trips(&Cadence::ALL);
    round_trips(&[Direction::HigherIsBetter, Direction::LowerIsBetter]);
    round_trips(&[RollUpMode::Pooled, RollUpMode::Each]);
    round_trips(&[Lang::Vi, Lang::En]);
    round_trips(&[
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::LessThan,
        Qualifier::AtMost,
    ]);
    round_trips(&[MetricKind::Percent, MetricKind::Rank, MetricKind::Count]);
    round_trips(&[
        Method::LeastSquares,
        Method::UnsdProjection,
        Method::OpenSdg,
    ]);
    round_trips(&[Category::ModerateProgress, Category::TargetAchieved]);
    assert_eq!(serde_json::to_string(&Status::Met).unwrap(), r#""met""#);
    assert_eq!(
        serde_json::to_string(&UnitLevel::Commune).unwrap(),
        r#""commune""#
    );
    // A refusal is its name, not the reason its Display gives.
    for r in Refusal::ALL {
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{}\"", r.as_str()));
        assert_eq!(serde_json::from_str::<Refusal>(&json).unwrap(), r);
    }
}
