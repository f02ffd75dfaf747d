//! Writing analysed articles: identity checks, then one transaction per batch.

use std::collections::HashSet;

use dyad_doc::Doc;
use rayon::prelude::*;
use rusqlite::{params, OptionalExtension, Transaction};
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

use super::{day_of, Store, StoreError, ARTICLE_TABLES};
use crate::dedup::{best_match, Signature, BANDS, DEFAULT_THRESHOLD};
use crate::events::EmitPolicy;
use crate::export::events::EventRecord;
use crate::ingest::{IngestError, RawArticle, Record};
use crate::pipeline::Pipeline;

/// How [`Store::ingest`] batches and groups.
#[derive(Clone, Copy, Debug)]
pub struct IngestOptions {
    /// Articles analysed in parallel and committed in one transaction.
    pub batch_size: usize,
    /// Estimated Jaccard similarity at which an article joins an earlier story.
    pub story_threshold: f32,
}

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions {
            batch_size: 256,
            story_threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// What an ingest run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Records read (articles and unreadable records).
    pub records: u64,
    /// Articles stored for the first time.
    pub new: u64,
    /// Stored articles whose text changed; their analysis was replaced.
    pub updated: u64,
    /// Articles already stored with the same text (by id or by alias).
    pub unchanged: u64,
    /// Articles under a new id whose text and source equal a stored article's: the
    /// id is recorded as an alias, nothing else is written.
    pub duplicates: u64,
    /// New or updated articles that joined an earlier story (near-duplicates).
    pub joined_story: u64,
    /// Records that could not be read (reported through the callback).
    pub errors: u64,
    /// Event mentions written that `dyad code` would emit (all are stored; flagged
    /// and one-sided ones are marked `emitted = 0`).
    pub events: u64,
    /// Bytes of article text read.
    pub bytes: u64,
}

/// Reported while ingesting.
pub enum IngestProgress<'a> {
    /// A record could not be read; ingesting goes on.
    Error(&'a IngestError),
    /// A batch was committed; the totals so far.
    Committed(&'a IngestStats),
}

/// Hash of an article's normalised text: the cleaned text with every run of
/// whitespace made one space. Equal for the same text however it was wrapped.
pub fn content_hash(raw_text: &str) -> String {
    let cleaned = crate::clean::normalize(raw_text).text;
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    format!("{:032x}", xxh3_128(words.join(" ").as_bytes()))
}

/// The stable id of the event `(day, source, target, code)`: the same in every store.
pub fn event_id(day: Option<&str>, source: Option<&str>, target: Option<&str>, code: &str) -> i64 {
    let key = format!(
        "{}|{}|{}|{}",
        day.unwrap_or(""),
        source.unwrap_or(""),
        target.unwrap_or(""),
        code
    );
    (xxh3_64(key.as_bytes()) & i64::MAX as u64) as i64
}

/// An article's analysis and its near-duplicate signature.
struct Analysed {
    doc: Doc,
    signature: Signature,
}

/// What to do with one incoming article.
enum Plan {
    /// Nothing: already stored (same id or alias, same text).
    Unchanged,
    /// Record `doc_id` as an alias of this stored article.
    Alias(i64),
    /// Analyse and write, replacing the stored article with this row id.
    Replace(i64),
    /// Analyse and write as a new article.
    New,
}

impl Store {
    /// Analyse `records` with `pipeline` and store them, committing every
    /// `options.batch_size` articles. Unreadable records are reported through
    /// `progress` and counted; the others are stored, skipped as already stored, or
    /// recorded as aliases (see [`IngestStats`]).
    pub fn ingest<I, F>(
        &mut self,
        pipeline: &Pipeline,
        records: I,
        options: &IngestOptions,
        mut progress: F,
    ) -> Result<IngestStats, StoreError>
    where
        I: Iterator<Item = Record>,
        F: FnMut(IngestProgress<'_>),
    {
        let batch_size = options.batch_size.max(1);
        let mut stats = IngestStats::default();
        let mut records = records.peekable();
        while records.peek().is_some() {
            let mut planned: Vec<(RawArticle, String, Plan)> = Vec::new();
            // Ids and (text, source) pairs planned in this batch.
            let mut seen = HashSet::new();
            while planned.len() < batch_size {
                let Some(record) = records.next() else { break };
                stats.records += 1;
                match record {
                    Err(e) => {
                        stats.errors += 1;
                        progress(IngestProgress::Error(&e));
                    }
                    Ok(article) => {
                        stats.bytes += article.text.len() as u64;
                        let hash = content_hash(&article.text);
                        // A repeated id, or text from the same source, inside one
                        // batch must be planned against the stored state after the
                        // batch: commit what we have first.
                        let keys = [
                            format!("id\t{}", article.meta.id),
                            format!("text\t{hash}\t{:?}", article.meta.source),
                        ];
                        if keys.iter().any(|k| seen.contains(k)) {
                            self.write_batch(pipeline, &mut planned, options, &mut stats)?;
                            seen.clear();
                        }
                        seen.extend(keys);
                        let plan = self.plan(&article, &hash)?;
                        planned.push((article, hash, plan));
                    }
                }
            }
            self.write_batch(pipeline, &mut planned, options, &mut stats)?;
            progress(IngestProgress::Committed(&stats));
        }
        Ok(stats)
    }

    fn plan(&self, article: &RawArticle, hash: &str) -> Result<Plan, StoreError> {
        let id = &article.meta.id;
        let by_id: Option<(i64, String, bool)> = self
            .conn
            .prepare_cached(
                "SELECT id, content_hash, 0 FROM articles WHERE doc_id = ?1
                 UNION ALL
                 SELECT a.id, a.content_hash, 1 FROM aliases x
                 JOIN articles a ON a.id = x.article_id WHERE x.doc_id = ?1
                 LIMIT 1",
            )
            .and_then(|mut st| {
                st.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .map_err(|e| self.err(e))?;
        match by_id {
            Some((_, stored, _)) if stored == hash => return Ok(Plan::Unchanged),
            Some((row, _, false)) => return Ok(Plan::Replace(row)),
            // An alias whose text changed is an article of its own now (the alias
            // row is dropped when it is written); a text equal to another stored
            // article's makes it an alias of that one instead.
            Some((_, _, true)) | None => {}
        }
        let same_text: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM articles WHERE content_hash = ?1 AND source IS ?2
                 ORDER BY id LIMIT 1",
            )
            .and_then(|mut st| {
                st.query_row(params![hash, article.meta.source], |r| r.get(0))
                    .optional()
            })
            .map_err(|e| self.err(e))?;
        Ok(same_text.map_or(Plan::New, Plan::Alias))
    }

    fn write_batch(
        &mut self,
        pipeline: &Pipeline,
        planned: &mut Vec<(RawArticle, String, Plan)>,
        options: &IngestOptions,
        stats: &mut IngestStats,
    ) -> Result<(), StoreError> {
        let work: Vec<(RawArticle, String, Plan)> = std::mem::take(planned);
        // Analysis and signatures run in parallel; only writing is serial.
        // A few articles per thread at a time, stage by stage (see
        // `Pipeline::process_batch`).
        let analysed: Vec<(Option<Analysed>, String, Plan, String)> =
            crate::pipeline::in_chunks(work)
                .into_par_iter()
                .flat_map_iter(|chunk| {
                    let items = chunk.into_iter().map(|(article, hash, plan)| {
                        let doc_id = article.meta.id.clone();
                        let analyse = matches!(plan, Plan::New | Plan::Replace(_));
                        (analyse.then_some(article), (hash, plan, doc_id))
                    });
                    pipeline
                        .process_some(items.collect())
                        .into_iter()
                        .map(|(doc, (hash, plan, doc_id))| {
                            let doc = doc.map(|doc| {
                                let signature = Signature::of(doc.text());
                                Analysed { doc, signature }
                            });
                            (doc, hash, plan, doc_id)
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| super::sqlite(&path, e))?;
        // Sentences go into the full-text index after everything else: FTS5 flushes
        // its pending rows at every statement of the transaction once it has any.
        let mut fts: Vec<(i64, &str)> = Vec::new();
        for (doc, hash, plan, doc_id) in &analysed {
            let result = match (plan, doc) {
                (Plan::Unchanged, _) => {
                    stats.unchanged += 1;
                    Ok(())
                }
                (Plan::Alias(row), _) => {
                    stats.duplicates += 1;
                    tx.prepare_cached(
                        "INSERT OR REPLACE INTO aliases (doc_id, article_id) VALUES (?1, ?2)",
                    )
                    .and_then(|mut st| st.execute(params![doc_id, row]))
                    .map(|_| ())
                }
                (Plan::Replace(row), Some(a)) => {
                    stats.updated += 1;
                    write_article(&tx, Some(*row), a, hash, options, stats, &mut fts)
                }
                (Plan::New, Some(a)) => {
                    stats.new += 1;
                    write_article(&tx, None, a, hash, options, stats, &mut fts)
                }
                (_, None) => Ok(()),
            };
            result.map_err(|e| super::sqlite(&path, e))?;
        }
        index_sentences(&tx, &fts).map_err(|e| super::sqlite(&path, e))?;
        tx.commit().map_err(|e| super::sqlite(&path, e))
    }
}

/// Rows for the sentence full-text index, in chunks of this many per statement.
const FTS_CHUNK: usize = 200;

fn index_sentences(tx: &Transaction<'_>, rows: &[(i64, &str)]) -> rusqlite::Result<()> {
    for chunk in rows.chunks(FTS_CHUNK) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(?{}, ?{})", 2 * i + 1, 2 * i + 2))
            .collect();
        let mut st = tx.prepare_cached(&format!(
            "INSERT INTO sentences_fts (rowid, text) VALUES {}",
            values.join(", ")
        ))?;
        let args: Vec<rusqlite::types::Value> = chunk
            .iter()
            .flat_map(|(id, text)| [(*id).into(), text.to_string().into()])
            .collect();
        st.execute(rusqlite::params_from_iter(args))?;
    }
    Ok(())
}

/// Write one analysed article (as a new row, or over row `replace`) with every layer
/// but the full-text index, whose rows are added to `fts`.
fn write_article<'d>(
    tx: &Transaction<'_>,
    replace: Option<i64>,
    analysed: &'d Analysed,
    hash: &str,
    options: &IngestOptions,
    stats: &mut IngestStats,
    fts: &mut Vec<(i64, &'d str)>,
) -> rusqlite::Result<()> {
    let Analysed {
        doc,
        signature: sig,
    } = analysed;
    let meta = &doc.meta;
    let day = meta.date.as_deref().and_then(day_of);
    let keys = sig.band_keys();
    if let Some(row) = replace {
        let old: Vec<u8> = tx
            .prepare_cached("SELECT minhash FROM articles WHERE id = ?1")?
            .query_row([row], |r| r.get(0))?;
        if let Some(old) = Signature::from_bytes(&old) {
            let mut del =
                tx.prepare_cached("DELETE FROM lsh WHERE key = ?1 AND article_id = ?2")?;
            for k in old.band_keys() {
                del.execute(params![k, row])?;
            }
        }
        tx.prepare_cached(
            "DELETE FROM sentences_fts WHERE rowid IN (SELECT id FROM sentences WHERE article_id = ?1)",
        )?
        .execute([row])?;
        for table in ARTICLE_TABLES {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE article_id = ?1"))?
                .execute([row])?;
        }
    }
    // The most similar stored article decides the story.
    let mut candidates: Vec<i64> = Vec::new();
    if keys.len() == BANDS {
        let mut by_key = tx.prepare_cached(&band_sql(
            "SELECT DISTINCT article_id FROM lsh WHERE key IN (",
            |i| format!("?{i}"),
            ")",
        ))?;
        for id in by_key.query_map(rusqlite::params_from_iter(&keys), |r| r.get(0))? {
            candidates.push(id?);
        }
    }
    candidates.sort_unstable();
    candidates.retain(|&c| Some(c) != replace);
    let mut stored = Vec::with_capacity(candidates.len());
    {
        let mut get = tx.prepare_cached("SELECT minhash, story_id FROM articles WHERE id = ?1")?;
        for c in candidates {
            let (bytes, story): (Vec<u8>, i64) =
                get.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if let Some(s) = Signature::from_bytes(&bytes) {
                stored.push((story, s));
            }
        }
    }
    let matched = best_match(
        sig,
        stored.iter().map(|(story, s)| (*story, s)),
        options.story_threshold,
    );
    if matched.is_some() {
        stats.joined_story += 1;
    }
    tx.prepare_cached("DELETE FROM aliases WHERE doc_id = ?1")?
        .execute([&meta.id])?;
    let diagnostics = (!doc.diagnostics.is_empty()).then(|| doc.diagnostics.join("\n"));
    let tone = doc.tone();
    let now = now_utc();
    let article_id: i64 = tx
        .prepare_cached(
            "INSERT INTO articles (id, doc_id, content_hash, title, date, day, date_source, source,
             url, author, lang, origin_path, origin_line, text, story_id, story_similarity,
             minhash, diagnostics, ingested_at, tone, tone_words)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, ?15, ?16, ?17,
             ?18, ?19, ?20)
         ON CONFLICT(id) DO UPDATE SET doc_id = excluded.doc_id,
             content_hash = excluded.content_hash, title = excluded.title,
             date = excluded.date, day = excluded.day, date_source = excluded.date_source,
             source = excluded.source, url = excluded.url, author = excluded.author,
             lang = excluded.lang, origin_path = excluded.origin_path,
             origin_line = excluded.origin_line, text = excluded.text,
             story_similarity = excluded.story_similarity, minhash = excluded.minhash,
             diagnostics = excluded.diagnostics, ingested_at = excluded.ingested_at,
             tone = excluded.tone, tone_words = excluded.tone_words
         RETURNING id",
        )?
        .query_row(
            params![
                replace,
                meta.id,
                hash,
                meta.title,
                meta.date,
                day,
                meta.date_source.map(|d| d.as_str()),
                meta.source,
                meta.url,
                meta.author,
                meta.lang,
                meta.origin.path,
                meta.origin.line.map(|l| l as i64),
                doc.text(),
                matched.map(|(_, s)| s as f64),
                sig.to_bytes(),
                diagnostics,
                now,
                tone.map(|t| t.score()),
                tone.map(|t| t.words),
            ],
            |r| r.get(0),
        )?;
    // A story is named by its first article; a replaced article keeps its own story
    // when nothing else matches.
    let story = matched.map_or(article_id, |(story, _)| story);
    tx.prepare_cached("UPDATE articles SET story_id = ?1 WHERE id = ?2")?
        .execute(params![story, article_id])?;
    if keys.len() == BANDS {
        // One statement for all bands: `?1` is the article, `?2..` the keys.
        let mut ins = tx.prepare_cached(&band_sql(
            "INSERT OR IGNORE INTO lsh (key, article_id) VALUES ",
            |i| format!("(?{}, ?1)", i + 1),
            "",
        ))?;
        let args = std::iter::once(article_id).chain(keys.iter().copied());
        ins.execute(rusqlite::params_from_iter(args))?;
    }
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO sentences (article_id, idx, start, end) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for s in doc.sentences() {
            let span = s.span();
            ins.execute(params![
                article_id,
                s.index() as i64,
                span.start as i64,
                span.end as i64,
            ])?;
            fts.push((tx.last_insert_rowid(), s.text()));
        }
    }
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO actors (article_id, idx, start, end, text, code, kind, via, rule)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for (i, a) in doc.actors().iter().enumerate() {
            ins.execute(params![
                article_id,
                i as i64,
                a.span.start as i64,
                a.span.end as i64,
                a.span.slice(doc.text()),
                a.code,
                a.kind.as_str(),
                a.via.as_str(),
                a.rule,
            ])?;
        }
    }
    {
        let policy = EmitPolicy::default();
        let mut ins = tx.prepare_cached(
            "INSERT INTO events (article_id, idx, event_id, day, sentence_index,
                 source_text, source_code, source_start, source_end,
                 target_text, target_code, target_start, target_end,
                 trigger_start, trigger_end, code, root, quad_class, goldstein,
                 plover_type, plover_mode, negated, modality, rule, emitted, tone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
        )?;
        for (i, e) in doc.events().iter().enumerate() {
            // The `dyad code` record: codes, scores and spans computed in one place.
            let r = EventRecord::new(doc, e);
            let (s, t) = (r.source.as_ref(), r.target.as_ref());
            let (s_code, t_code) = (s.and_then(|a| a.code), t.and_then(|a| a.code));
            let emitted = policy.emits(e);
            stats.events += u64::from(emitted);
            ins.execute(params![
                article_id,
                i as i64,
                event_id(day.as_deref(), s_code, t_code, r.code),
                day,
                r.sentence_index as i64,
                s.map(|a| a.text),
                s_code,
                s.map(|a| a.start as i64),
                s.map(|a| a.end as i64),
                t.map(|a| a.text),
                t_code,
                t.map(|a| a.start as i64),
                t.map(|a| a.end as i64),
                r.trigger.start as i64,
                r.trigger.end as i64,
                r.code,
                r.root,
                r.quad_class as i64,
                r.goldstein.map(f64::from),
                r.plover_type,
                r.plover_mode,
                r.negated,
                r.modality,
                r.rule,
                emitted,
                r.tone,
            ])?;
        }
    }
    write_knowledge_layers(tx, article_id, doc)?;
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO dropped (article_id, idx, line, text, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, d) in doc.dropped.iter().enumerate() {
            ins.execute(params![
                article_id,
                i as i64,
                d.line.map(|l| l as i64),
                d.text,
                d.reason.as_str()
            ])?;
        }
    }
    Ok(())
}

/// `head`, then one `item(i)` per band (`i` from 1), comma-separated, then `tail`.
fn band_sql(head: &str, item: impl Fn(usize) -> String, tail: &str) -> String {
    let items: Vec<String> = (1..=BANDS).map(item).collect();
    format!("{head}{}{tail}", items.join(", "))
}

/// Entities, quotes and amounts.
fn write_knowledge_layers(
    tx: &Transaction<'_>,
    article_id: i64,
    doc: &Doc,
) -> rusqlite::Result<()> {
    let text = doc.text();
    let slice = |s: &dyad_doc::Span| s.slice(text);
    let mut ins = tx.prepare_cached(
        "INSERT INTO entities (article_id, idx, start, end, text, label, actor_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, e) in doc.entities().iter().enumerate() {
        ins.execute(params![
            article_id,
            i as i64,
            e.span.start as i64,
            e.span.end as i64,
            slice(&e.span),
            e.label.as_str(),
            e.actor.map(|a| doc.actors()[a].code.as_str()),
        ])?;
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO quotes (article_id, idx, start, end, text, kind, speaker_text,
             speaker_name, speaker_code, speaker_start, speaker_end, verb)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (i, q) in doc.quotes().iter().enumerate() {
        let sp = q.speaker.as_ref();
        ins.execute(params![
            article_id,
            i as i64,
            q.span.start as i64,
            q.span.end as i64,
            slice(&q.span),
            q.kind.as_str(),
            sp.map(|s| slice(&s.span)),
            sp.map(|s| s.name.as_str()),
            sp.and_then(|s| s.code.as_deref()),
            sp.map(|s| s.span.start as i64),
            sp.map(|s| s.span.end as i64),
            q.verb.as_ref().map(slice),
        ])?;
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO amounts (article_id, idx, start, end, text, value, unit, object, qualifier)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, a) in doc.amounts().iter().enumerate() {
        ins.execute(params![
            article_id,
            i as i64,
            a.span.start as i64,
            a.span.end as i64,
            slice(&a.span),
            a.value,
            a.unit,
            a.object.as_ref().map(slice),
            a.qualifier.as_ref().map(slice),
        ])?;
    }
    Ok(())
}

/// Current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = super::query::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
