//! GDELT 2.0 event-table rows (61 tab-separated columns, no header, GDELT's order)
//! from stored events.
//!
//! What Dyad knows fills its column; everything else (ethnic codes, all geography)
//! is left empty, never guessed. Actor codes are split into GDELT's parts with the
//! CAMEO type, known-group and religion tables in `data/cameo/actor_codes.tsv`: the
//! first three letters are the country when Dyad's country dictionary has them or
//! when they are none of those parts; later
//! parts that are in none of the tables are not reported. `Actor1Name` is the
//! mention's words as written. `FractionDate` is the year plus the fraction of it
//! elapsed before the day. `IsRootEvent` is 1 when a mention is an article's
//! first sentence. `DATEADDED` is when the first mention's article was stored.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::store::query::{days_from_civil, MergedEvent};

/// GDELT 2.0 event-table column names, in order.
pub const COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// What a three-letter part of an actor code is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodePart {
    /// Type or role (`GOV`, `MIL`, `IGO`).
    Type,
    /// A known group (`NAT`, `HMS`).
    KnownGroup,
    /// A religion (`CHR`).
    Religion,
}

fn parts() -> &'static HashMap<&'static str, CodePart> {
    static PARTS: OnceLock<HashMap<&'static str, CodePart>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let text = include_str!("../../../../data/cameo/actor_codes.tsv");
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("code\t"))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let code = f.next()?;
                let part = match f.next()? {
                    "type" => CodePart::Type,
                    "known_group" => CodePart::KnownGroup,
                    "religion" => CodePart::Religion,
                    _ => return None,
                };
                Some((code, part))
            })
            .collect()
    })
}

/// Country codes of Dyad's built-in country dictionary.
fn countries() -> &'static std::collections::HashSet<String> {
    static COUNTRIES: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        crate::actors::dictionary::builtin_country_codes()
            .expect("the built-in country dictionary is checked by its tests")
            .into_iter()
            .collect()
    })
}

/// An actor code split into GDELT's columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorParts {
    /// Country (first part, when it is not a type, group or religion).
    pub country: String,
    /// First known-group part.
    pub known_group: String,
    /// Up to two religion parts.
    pub religions: [String; 2],
    /// Up to three type parts.
    pub types: [String; 3],
}

/// Split `code` (`USAGOV`, `IGOUNO`, `---COP`, `AFGREBTAL`) into GDELT's parts.
pub fn split_actor_code(code: &str) -> ActorParts {
    let mut out = ActorParts::default();
    let (mut religions, mut types) = (0, 0);
    let chunks = code
        .as_bytes()
        .chunks(3)
        .filter_map(|c| std::str::from_utf8(c).ok());
    for (i, chunk) in chunks.enumerate() {
        if i == 0 && countries().contains(chunk) {
            out.country = chunk.to_string();
            continue;
        }
        match parts().get(chunk) {
            Some(CodePart::Type) if types < 3 => {
                out.types[types] = chunk.to_string();
                types += 1;
            }
            Some(CodePart::Religion) if religions < 2 => {
                out.religions[religions] = chunk.to_string();
                religions += 1;
            }
            Some(CodePart::KnownGroup) if out.known_group.is_empty() => {
                out.known_group = chunk.to_string();
            }
            None if i == 0 && chunk.len() == 3 && chunk.bytes().all(|b| b.is_ascii_uppercase()) => {
                out.country = chunk.to_string();
            }
            _ => {}
        }
    }
    out
}

fn actor_columns(code: &Option<String>, name: &Option<String>) -> Vec<String> {
    let Some(code) = code else {
        return vec![String::new(); 10];
    };
    let p = split_actor_code(code);
    let [r1, r2] = p.religions;
    let [t1, t2, t3] = p.types;
    vec![
        code.clone(),
        name.clone().unwrap_or_default(),
        p.country,
        p.known_group,
        String::new(),
        r1,
        r2,
        t1,
        t2,
        t3,
    ]
}

/// The date columns `Day, MonthYear, Year, FractionDate` of `YYYY-MM-DD`.
fn date_columns(day: Option<&str>) -> [String; 4] {
    let Some(day) = day.filter(|d| d.len() == 10) else {
        return Default::default();
    };
    let num = |r: std::ops::Range<usize>| day[r].parse::<i64>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let day_of_year = days_from_civil(y, m, d) - days_from_civil(y, 1, 1);
    let days_in_year = days_from_civil(y + 1, 1, 1) - days_from_civil(y, 1, 1);
    [
        format!("{y:04}{m:02}{d:02}"),
        format!("{y:04}{m:02}"),
        format!("{y:04}"),
        format!("{:.4}", y as f64 + day_of_year as f64 / days_in_year as f64),
    ]
}

/// `YYYYMMDDHHMMSS` from the store's `YYYY-MM-DDTHH:MM:SSZ`.
fn date_added(ts: &str) -> String {
    let digits: String = ts.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 14 {
        digits
    } else {
        String::new()
    }
}

/// The 61 GDELT columns of one event.
pub fn row(e: &MergedEvent) -> Vec<String> {
    let mut row = Vec::with_capacity(COLUMNS.len());
    row.push(e.event_id.to_string());
    row.extend(date_columns(e.day.as_deref()));
    row.extend(actor_columns(&e.source_code, &e.source_text));
    row.extend(actor_columns(&e.target_code, &e.target_text));
    row.push(u8::from(e.is_root_event).to_string());
    row.push(e.code.clone());
    row.push(e.code.get(..3).unwrap_or(&e.code).to_string());
    row.push(e.root.clone());
    row.push(e.quad_class.to_string());
    row.push(e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default());
    row.push(e.num_mentions.to_string());
    row.push(e.num_sources.to_string());
    row.push(e.num_articles.to_string());
    row.push(e.avg_tone.map(|t| format!("{t:.4}")).unwrap_or_default());
    row.extend(std::iter::repeat_n(String::new(), 24));
    row.push(date_added(&e.ingested_at));
    row.push(e.url.clone().unwrap_or_default());
    debug_assert_eq!(row.len(), COLUMNS.len());
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split_like_gdelt() {
        let p = split_actor_code("USAGOV");
        assert_eq!((p.country.as_str(), p.types[0].as_str()), ("USA", "GOV"));
        let p = split_actor_code("IGOUNO");
        assert_eq!(p.country, "");
        assert_eq!(p.types[0], "IGO");
        assert_eq!(p.types[1], "UNO");
        let p = split_actor_code("---COP");
        assert_eq!((p.country.as_str(), p.types[0].as_str()), ("", "COP"));
        let p = split_actor_code("PSEHMS");
        assert_eq!((p.country.as_str(), p.known_group.as_str()), ("PSE", "HMS"));
        let p = split_actor_code("IRQMILSHI");
        assert_eq!(p.religions[0], "SHI");
        assert_eq!(split_actor_code(""), ActorParts::default());
    }

    #[test]
    fn dates() {
        let [day, month, year, fraction] = date_columns(Some("2024-12-31"));
        assert_eq!(
            (day.as_str(), month.as_str(), year.as_str()),
            ("20241231", "202412", "2024")
        );
        assert_eq!(fraction, "2024.9973");
        assert_eq!(date_columns(Some("2023-01-01"))[3], "2023.0000");
        assert_eq!(date_columns(None), <[String; 4]>::default());
        assert_eq!(date_added("2024-03-05T10:11:12Z"), "20240305101112");
    }
}
