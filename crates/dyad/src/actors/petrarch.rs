//! Readers for PETRARCH/TABARI actor and agent dictionaries, so that a researcher's
//! existing files work with `--dict`.
//!
//! Actors: a root phrase (`HAMID_KARZAI_`), synonym lines (`+KARZAI_`) and code lines,
//! inline (`UN_ [IGOUNO]`) or indented underneath (`[AFGGOV >011222]`, `[AFGELI
//! 750101-000101]`, `[AFGELI]` as the default). Root phrases with no code of their
//! own share the codes of the phrases that follow them. Agents: `PHRASE {PLURALS}
//! [~ROLE]` with `!SET! = A, B` substitution sets. `_` joins words; a phrase that
//! does not end in `_` also matches its plural. `#` and `<!-- -->` are comments.
//! PETRARCH's phrases are upper case, so they match any capitalisation, but an actor
//! name must be capitalised in the text (`US` is never the pronoun `us`).

use std::collections::HashMap;
use std::sync::Arc;

use super::dictionary::{role_sense, ActorDictionary, DatedCode, Sense, SenseKind};
use crate::dict::{DateRange, DictError, Item};

/// `FOO_BAR_` → (`FOO BAR`, no plural); `FOO_BAR` → (`FOO BAR`, plural allowed).
fn phrase_text(raw: &str) -> (String, bool) {
    let raw = raw.trim();
    let plural = !raw.ends_with('_');
    let text = raw.trim_end_matches('_').replace('_', " ");
    (
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        plural,
    )
}

/// English plural of the last word of `phrase` (upper or lower case).
pub(crate) fn plural_of(phrase: &str) -> String {
    let (head, last) = match phrase.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), phrase),
    };
    let lower = last.to_ascii_lowercase();
    let upper = last.chars().last().is_some_and(char::is_uppercase);
    let suffix = |s: &str| {
        if upper {
            s.to_ascii_uppercase()
        } else {
            s.to_string()
        }
    };
    let stem_y = lower.len() > 1
        && lower.ends_with('y')
        && !matches!(
            lower.as_bytes()[lower.len() - 2],
            b'a' | b'e' | b'i' | b'o' | b'u'
        );
    let plural = if stem_y {
        format!("{}{}", &last[..last.len() - 1], suffix("ies"))
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{last}{}", suffix("es"))
    } else if lower.ends_with("man") {
        format!("{}{}", &last[..last.len() - 3], suffix("men"))
    } else {
        format!("{last}{}", suffix("s"))
    };
    format!("{head}{plural}")
}

/// Parse the inside of `[CODE]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`, `[CODE A-B]`.
fn parse_code(inner: &str) -> Result<DatedCode, String> {
    let mut parts = inner.split_whitespace();
    let first = parts.next().ok_or("empty code `[]`")?.to_ascii_uppercase();
    // `ELR/GAL`: alternative codes; the first is used.
    let code = first.split('/').next().unwrap_or_default().to_string();
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(format!("`{first}` is not an actor code"));
    }
    // The restriction may be written with spaces: `< 950601`, `19950601 - 19990815`.
    let rest: String = parts.collect();
    let range = match (!rest.is_empty()).then_some(rest.as_str()) {
        None => None,
        Some(d) => {
            let bad =
                || format!("`{d}` is not a date restriction (>YYMMDD, <YYMMDD or YYMMDD-YYMMDD)");
            Some(if let Some(x) = d.strip_prefix('>') {
                DateRange {
                    from: Some(crate::dict::petrarch_date(x).ok_or_else(bad)?),
                    to: None,
                }
            } else if let Some(x) = d.strip_prefix('<') {
                DateRange {
                    from: None,
                    to: Some(crate::dict::petrarch_date(x).ok_or_else(bad)?),
                }
            } else {
                let (a, b) = d.split_once('-').ok_or_else(bad)?;
                DateRange {
                    from: Some(crate::dict::petrarch_date(a).ok_or_else(bad)?),
                    to: Some(crate::dict::petrarch_date(b).ok_or_else(bad)?),
                }
            })
        }
    };
    Ok(DatedCode { code, range })
}

/// Split `PHRASE [CODE]` into the phrase and the bracketed codes; nothing may follow.
fn split_codes(line: &str) -> Result<(&str, Vec<&str>), String> {
    let (phrase, codes, rest) = crate::dict::petrarch_codes(line)?;
    if !rest.is_empty() {
        return Err(format!("`{line}`: unexpected text after the code"));
    }
    Ok((phrase, codes))
}

struct Group {
    phrases: Vec<(String, bool, usize)>,
    codes: Vec<DatedCode>,
}

/// Add a PETRARCH actor file. Malformed lines are skipped and returned as warnings
/// (a 50,000-line file with one typo still loads); nothing usable is an error.
pub(super) fn add_actors(
    dict: &mut ActorDictionary,
    name: &str,
    text: &str,
    non_state: bool,
) -> Result<Vec<DictError>, DictError> {
    let mut groups: Vec<Group> = Vec::new();
    let mut warnings = Vec::new();
    for (n, line) in crate::dict::petrarch_lines(text) {
        if let Err(e) = actor_line(&mut groups, name, n, &line) {
            warnings.push(e);
        }
    }
    if groups.is_empty() && !warnings.is_empty() {
        return Err(warnings.swap_remove(0));
    }
    add_groups(dict, name, groups, non_state);
    Ok(warnings)
}

fn actor_line(groups: &mut Vec<Group>, name: &str, n: usize, line: &str) -> Result<(), DictError> {
    {
        let err = |m: String| DictError::new(name, n, m);
        if line.starts_with('[') {
            let (_, codes) = split_codes(line).map_err(err)?;
            let group = groups
                .last_mut()
                .ok_or_else(|| DictError::new(name, n, "code line before any actor phrase"))?;
            for c in codes {
                group
                    .codes
                    .push(parse_code(c).map_err(|e| DictError::new(name, n, e))?);
            }
            return Ok(());
        }
        let (body, synonym) = match line.strip_prefix('+') {
            Some(b) => (b.trim(), true),
            None => (line, false),
        };
        let (phrase, codes) = split_codes(body).map_err(err)?;
        let codes = codes
            .into_iter()
            .map(parse_code)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| DictError::new(name, n, e))?;
        let (text, plural) = phrase_text(phrase.split('{').next().unwrap_or(""));
        if text.is_empty() {
            return Err(DictError::new(name, n, format!("`{line}`: no phrase")));
        }
        // A new root phrase starts a group unless the current one has no code yet.
        let join = synonym || groups.last().is_some_and(|g| g.codes.is_empty());
        if !join {
            groups.push(Group {
                phrases: Vec::new(),
                codes: Vec::new(),
            });
        }
        if groups.is_empty() {
            return Err(DictError::new(
                name,
                n,
                "synonym line before any actor phrase",
            ));
        }
        let group = groups.last_mut().expect("a group exists");
        group.phrases.push((text, plural, n));
        group.codes.extend(codes);
    }
    Ok(())
}

fn add_groups(dict: &mut ActorDictionary, name: &str, groups: Vec<Group>, non_state: bool) {
    for group in groups {
        if group.codes.is_empty() {
            // PETRARCH ignores an actor with no code; so do we, silently only for
            // trailing fragments (reported through stats via the missing entries).
            continue;
        }
        let entity = dict.new_entity();
        let first = &group.codes[0].code;
        let dated = group.codes.iter().any(|c| c.range.is_some());
        let kind = if first.starts_with("IGO") || first.starts_with("NGO") {
            SenseKind::Igo
        } else if non_state {
            SenseKind::Group
        } else if dated {
            SenseKind::Person
        } else if first.len() == 3 {
            SenseKind::Country
        } else {
            SenseKind::Group
        };
        for (text, plural, line) in group.phrases {
            let sense = Sense {
                proper: true,
                ..Sense::new(
                    kind,
                    entity,
                    group.codes.clone(),
                    format!("{name}:{line}").into(),
                )
            };
            if plural && kind != SenseKind::Person {
                dict.insert(&plural_of(&text), sense.clone(), false);
            }
            dict.insert(&text, sense, false);
        }
    }
}

/// Add a PETRARCH agents file; malformed lines are skipped and returned as warnings.
pub(super) fn add_agents(
    dict: &mut ActorDictionary,
    name: &str,
    text: &str,
) -> Result<Vec<DictError>, DictError> {
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut entities: HashMap<String, u32> = HashMap::new();
    let mut warnings = Vec::new();
    let mut added = 0usize;
    for (n, line) in crate::dict::petrarch_lines(text) {
        match agent_line(dict, &mut sets, &mut entities, name, n, &line) {
            Ok(k) => added += k,
            Err(e) => warnings.push(e),
        }
    }
    if added == 0 && !warnings.is_empty() {
        return Err(warnings.swap_remove(0));
    }
    Ok(warnings)
}

fn agent_line(
    dict: &mut ActorDictionary,
    sets: &mut HashMap<String, Vec<String>>,
    entities: &mut HashMap<String, u32>,
    name: &str,
    n: usize,
    line: &str,
) -> Result<usize, DictError> {
    {
        let err = |m: String| DictError::new(name, n, m);
        if line.starts_with('!') {
            if let Some((set, members)) = line.split_once('=') {
                let set = set.trim().trim_matches('!').to_string();
                let members = members
                    .split(',')
                    .map(|m| m.trim().to_string())
                    .filter(|m| !m.is_empty())
                    .collect();
                sets.insert(set, members);
                return Ok(0);
            }
        }
        let (body, codes) = split_codes(line).map_err(err)?;
        let [code] = codes.as_slice() else {
            return Err(DictError::new(
                name,
                n,
                format!("`{line}`: expected one `[~ROLE]` code"),
            ));
        };
        let mut role: String = code.trim().trim_matches('~').to_ascii_uppercase();
        if role.is_empty()
            || !role.bytes().all(|b| b.is_ascii_alphanumeric())
            || !code.contains('~')
        {
            return Err(DictError::new(
                name,
                n,
                format!("`[{code}]` is not an agent code (`[~ROLE]`)"),
            ));
        }
        // `[NGO~]`: the agent code goes before the actor's (`NGOARN`), marked by
        // its trailing `~` until codes are composed.
        if code.trim().ends_with('~') && !code.trim().starts_with('~') {
            role.push('~');
        }
        let (phrase, plurals) = match body.split_once('{') {
            Some((p, rest)) => {
                let inner = rest
                    .trim_end()
                    .strip_suffix('}')
                    .ok_or_else(|| err(format!("`{line}`: `{{` without `}}`")))?;
                (p.trim(), Some(inner.trim()))
            }
            None => (body.trim(), None),
        };
        let mut forms: Vec<String> = Vec::new();
        for expanded in expand_sets(phrase, sets).map_err(err)? {
            let (text, auto_plural) = phrase_text(&expanded);
            match plurals {
                None if auto_plural && !text.is_empty() => forms.push(plural_of(&text)),
                Some(p) if !p.is_empty() => forms.extend(p.split(',').map(|x| phrase_text(x).0)),
                _ => {}
            }
            forms.push(text);
        }
        let entity = *entities
            .entry(role.clone())
            .or_insert_with(|| dict.new_entity());
        let origin: Arc<str> = format!("{name}:{n}").into();
        let mut added = 0;
        for form in forms.into_iter().filter(|f| !f.is_empty()) {
            let item = Item {
                text: form,
                ambiguous: false,
            };
            let sense = role_sense(&role, entity, &item, origin.clone());
            added += dict.insert(&item.text, sense, false) as usize;
        }
        Ok(added)
    }
}

/// Expand `!SET!` markers into every member (concatenated in place).
fn expand_sets(phrase: &str, sets: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(start) = phrase.find('!') else {
        return Ok(vec![phrase.to_string()]);
    };
    let end = phrase[start + 1..]
        .find('!')
        .map(|e| start + 1 + e)
        .ok_or_else(|| format!("`{phrase}`: `!` without its closing `!`"))?;
    let set = &phrase[start + 1..end];
    let members = sets
        .get(set)
        .ok_or_else(|| format!("`{phrase}`: unknown substitution set !{set}!"))?;
    let mut out = Vec::new();
    for m in members {
        let replaced = format!("{}{}{}", &phrase[..start], m, &phrase[end + 1..]);
        out.extend(expand_sets(&replaced, sets)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn senses_of(d: &ActorDictionary, words: &[&str]) -> Vec<Sense> {
        let keys: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        match d.longest_match(keys.len(), |i| keys[i].as_str()) {
            Some((len, s)) if len == keys.len() => s.iter().map(|&i| d.sense(i).clone()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn actor_groups_codes_and_dates() {
        let text = "<!-- header\n still comment -->\nARNOR_  [ARN]\nDAGOLATH [DAG]\n+TELEMAR\n\
                    HAMID_KARZAI_  # person\n+KARZAI_\n\t[AFGELI 750101-000101]\n\t[AFGGOV >011222]\n\t[AFGELI]\n\
                    UN_ [IGOUNO]\nU.N._\nUN_CHIEF\n\t[IGOUNO]\n";
        let mut d = ActorDictionary::default();
        assert!(add_actors(&mut d, "a.actors.txt", text, false)
            .unwrap()
            .is_empty());
        assert_eq!(senses_of(&d, &["Arnor"])[0].codes[0].code, "ARN");
        assert_eq!(senses_of(&d, &["Telemar"])[0].codes[0].code, "DAG");
        assert_eq!(
            senses_of(&d, &["Dagolaths"]).len(),
            1,
            "plural of a phrase without `_`"
        );
        assert!(
            senses_of(&d, &["Arnors"]).is_empty(),
            "`_` forbids the plural"
        );
        let karzai = &senses_of(&d, &["Karzai"])[0];
        assert_eq!(karzai.kind, SenseKind::Person);
        assert_eq!(karzai.code_at(Some(20050101)), Some("AFGGOV"));
        assert_eq!(karzai.code_at(Some(19800101)), Some("AFGELI"));
        assert_eq!(senses_of(&d, &["U.N."])[0].codes[0].code, "IGOUNO");
        assert_eq!(senses_of(&d, &["UN", "chief"])[0].kind, SenseKind::Igo);
    }

    #[test]
    fn agents_with_sets_and_plurals() {
        let text = "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nARMED_FORCES {} [~MIL]\n\
                    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nFOREIGN_MINISTER [~GOVFRM]\n";
        let mut d = ActorDictionary::default();
        assert!(add_agents(&mut d, "a.agents.txt", text).unwrap().is_empty());
        assert_eq!(senses_of(&d, &["congressmen"])[0].codes[0].code, "LEG");
        assert_eq!(senses_of(&d, &["armed", "forces"])[0].codes[0].code, "MIL");
        assert!(senses_of(&d, &["attorneys", "general"]).len() == 1);
        assert_eq!(
            senses_of(&d, &["foreign", "ministers"])[0].codes[0].code,
            "GOVFRM"
        );
    }

    #[test]
    fn malformed_petrarch_lines_are_reported() {
        let mut d = ActorDictionary::default();
        let e = add_actors(&mut d, "x.actors.txt", "[ARN]\n", false).unwrap_err();
        assert_eq!(e.line, 1);
        // One bad line among good ones: a warning with its line, the rest loads.
        let w = add_actors(
            &mut d,
            "x.actors.txt",
            "ARNOR [ARN]\nGONDOR [GON 99x]\nROHAN [ROH]\n",
            false,
        )
        .unwrap();
        assert_eq!(w.iter().map(|e| e.line).collect::<Vec<_>>(), [2]);
        assert_eq!(senses_of(&d, &["Rohan"]).len(), 1);
        let w = add_agents(&mut d, "x.agents.txt", "GUARD [~MIL]\nPOLICE [COP]\n").unwrap();
        assert_eq!(w[0].line, 2);
        let e = add_agents(&mut d, "x.agents.txt", "!UNKNOWN!_BOSS [~GOV]\n").unwrap_err();
        assert!(e.message.contains("UNKNOWN"), "{e}");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural_of("REBEL"), "REBELS");
        assert_eq!(plural_of("ARMY"), "ARMIES");
        assert_eq!(plural_of("BOSS"), "BOSSES");
        assert_eq!(plural_of("POLICEMAN"), "POLICEMEN");
        assert_eq!(plural_of("foreign envoy"), "foreign envoys");
    }
}
