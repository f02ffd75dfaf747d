//! Parquet files of stored events (merged events or single mentions) with proper
//! column types: integers, doubles, booleans, UTF-8 strings and `DATE` days, so that
//! pandas, polars, DuckDB and Spark read them without conversions. Written with the
//! `parquet` crate's column writers (no arrow), zstd-compressed, in row groups of
//! [`ROW_GROUP`] rows.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, ZstdLevel};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::store::query::{days_from_civil, Mention, MergedEvent};

/// Rows per row group.
pub const ROW_GROUP: usize = 65_536;

/// A column's physical and logical type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// 64-bit integer.
    I64,
    /// Double.
    F64,
    /// Boolean.
    Bool,
    /// UTF-8 string.
    Str,
    /// Calendar day (`DATE`, days since 1970-01-01).
    Date,
}

/// One value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Missing.
    Null,
    /// Integer.
    I64(i64),
    /// Double.
    F64(f64),
    /// Boolean.
    Bool(bool),
    /// String.
    Str(String),
    /// Day as `YYYY-MM-DD`.
    Date(String),
}

/// A record type that can be written as a Parquet row.
pub trait ParquetRow {
    /// Column names, kinds and whether they may be null.
    const SCHEMA: &'static [(&'static str, Kind, bool)];
    /// The row's values, in schema order.
    fn cells(&self) -> Vec<Cell>;
}

fn s(v: &str) -> Cell {
    Cell::Str(v.to_string())
}

fn os(v: &Option<String>) -> Cell {
    v.as_deref().map_or(Cell::Null, s)
}

fn of(v: Option<f64>) -> Cell {
    v.map_or(Cell::Null, Cell::F64)
}

fn oday(v: &Option<String>) -> Cell {
    v.clone().map_or(Cell::Null, Cell::Date)
}

impl ParquetRow for MergedEvent {
    const SCHEMA: &'static [(&'static str, Kind, bool)] = &[
        ("event_id", Kind::I64, false),
        ("day", Kind::Date, true),
        ("source_code", Kind::Str, true),
        ("source_text", Kind::Str, true),
        ("target_code", Kind::Str, true),
        ("target_text", Kind::Str, true),
        ("code", Kind::Str, false),
        ("root", Kind::Str, false),
        ("quad_class", Kind::I64, false),
        ("goldstein", Kind::F64, true),
        ("plover_type", Kind::Str, true),
        ("plover_mode", Kind::Str, true),
        ("num_mentions", Kind::I64, false),
        ("num_articles", Kind::I64, false),
        ("num_sources", Kind::I64, false),
        ("num_stories", Kind::I64, false),
        ("is_root_event", Kind::Bool, false),
        ("doc_id", Kind::Str, false),
        ("url", Kind::Str, true),
        ("sentence", Kind::Str, false),
        ("rule", Kind::Str, false),
        ("negated", Kind::Bool, false),
        ("modality", Kind::Str, false),
        ("ingested_at", Kind::Str, false),
        ("avg_tone", Kind::F64, true),
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::I64(self.event_id),
            oday(&self.day),
            os(&self.source_code),
            os(&self.source_text),
            os(&self.target_code),
            os(&self.target_text),
            s(&self.code),
            s(&self.root),
            Cell::I64(self.quad_class.into()),
            of(self.goldstein),
            os(&self.plover_type),
            os(&self.plover_mode),
            Cell::I64(self.num_mentions as i64),
            Cell::I64(self.num_articles as i64),
            Cell::I64(self.num_sources as i64),
            Cell::I64(self.num_stories as i64),
            Cell::Bool(self.is_root_event),
            s(&self.doc_id),
            os(&self.url),
            s(&self.sentence),
            s(&self.rule),
            Cell::Bool(self.negated),
            s(&self.modality),
            s(&self.ingested_at),
            of(self.avg_tone),
        ]
    }
}

impl ParquetRow for Mention {
    const SCHEMA: &'static [(&'static str, Kind, bool)] = &[
        ("event_id", Kind::I64, false),
        ("doc_id", Kind::Str, false),
        ("day", Kind::Date, true),
        ("sentence_index", Kind::I64, false),
        ("source_text", Kind::Str, true),
        ("source_code", Kind::Str, true),
        ("target_text", Kind::Str, true),
        ("target_code", Kind::Str, true),
        ("code", Kind::Str, false),
        ("quad_class", Kind::I64, false),
        ("goldstein", Kind::F64, true),
        ("negated", Kind::Bool, false),
        ("modality", Kind::Str, false),
        ("rule", Kind::Str, false),
        ("story_id", Kind::I64, false),
        ("source", Kind::Str, true),
        ("sentence", Kind::Str, false),
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::I64(self.event_id),
            s(&self.doc_id),
            oday(&self.day),
            Cell::I64(self.sentence_index as i64),
            os(&self.source_text),
            os(&self.source_code),
            os(&self.target_text),
            os(&self.target_code),
            s(&self.code),
            Cell::I64(self.quad_class.into()),
            of(self.goldstein),
            Cell::Bool(self.negated),
            s(&self.modality),
            s(&self.rule),
            Cell::I64(self.story_id),
            os(&self.source),
            s(&self.sentence),
        ]
    }
}

fn message_type(name: &str, schema: &[(&str, Kind, bool)]) -> String {
    let mut m = format!("message {name} {{\n");
    for (col, kind, nullable) in schema {
        let rep = if *nullable { "optional" } else { "required" };
        let (ty, logical) = match kind {
            Kind::I64 => ("INT64", ""),
            Kind::F64 => ("DOUBLE", ""),
            Kind::Bool => ("BOOLEAN", ""),
            Kind::Str => ("BYTE_ARRAY", " (STRING)"),
            Kind::Date => ("INT32", " (DATE)"),
        };
        m.push_str(&format!("  {rep} {ty} {col}{logical};\n"));
    }
    m.push('}');
    m
}

/// Streams rows into a Parquet file.
pub struct ParquetWriter<W: Write + Send, R: ParquetRow> {
    writer: SerializedFileWriter<W>,
    buffer: Vec<Vec<Cell>>,
    rows: u64,
    _row: std::marker::PhantomData<R>,
}

impl<W: Write + Send, R: ParquetRow> ParquetWriter<W, R> {
    /// A writer of `R` rows into `out`; `name` names the Parquet schema.
    pub fn new(out: W, name: &str) -> Result<Self, ParquetError> {
        let schema = Arc::new(parse_message_type(&message_type(name, R::SCHEMA))?);
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_created_by(format!("dyad {}", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(ParquetWriter {
            writer: SerializedFileWriter::new(out, schema, Arc::new(props))?,
            buffer: Vec::new(),
            rows: 0,
            _row: std::marker::PhantomData,
        })
    }

    /// Add one row.
    pub fn write(&mut self, row: &R) -> Result<(), ParquetError> {
        let cells = row.cells();
        if cells.len() != R::SCHEMA.len() {
            return Err(ParquetError::General(format!(
                "row has {} values for {} columns",
                cells.len(),
                R::SCHEMA.len()
            )));
        }
        self.buffer.push(cells);
        if self.buffer.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ParquetError> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.buffer);
        let mut group = self.writer.next_row_group()?;
        let mut col = 0;
        while let Some(mut column) = group.next_column()? {
            let (name, kind, _) = R::SCHEMA[col];
            let def: Vec<i16> = rows
                .iter()
                .map(|r| i16::from(r[col] != Cell::Null))
                .collect();
            let bad = |c: &Cell| {
                ParquetError::General(format!("column {name}: value {c:?} is not {kind:?}"))
            };
            let present = rows.iter().map(|r| &r[col]).filter(|c| **c != Cell::Null);
            match kind {
                Kind::I64 => {
                    let v = present
                        .map(|c| {
                            if let Cell::I64(x) = c {
                                Ok(*x)
                            } else {
                                Err(bad(c))
                            }
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    column
                        .typed::<Int64Type>()
                        .write_batch(&v, Some(&def), None)?;
                }
                Kind::F64 => {
                    let v = present
                        .map(|c| {
                            if let Cell::F64(x) = c {
                                Ok(*x)
                            } else {
                                Err(bad(c))
                            }
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    column
                        .typed::<DoubleType>()
                        .write_batch(&v, Some(&def), None)?;
                }
                Kind::Bool => {
                    let v = present
                        .map(|c| {
                            if let Cell::Bool(x) = c {
                                Ok(*x)
                            } else {
                                Err(bad(c))
                            }
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    column
                        .typed::<BoolType>()
                        .write_batch(&v, Some(&def), None)?;
                }
                Kind::Str => {
                    let v = present
                        .map(|c| match c {
                            Cell::Str(x) => Ok(ByteArray::from(x.as_str())),
                            _ => Err(bad(c)),
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&v, Some(&def), None)?;
                }
                Kind::Date => {
                    let v = present
                        .map(|c| match c {
                            Cell::Date(d) => days_since_epoch(d).ok_or_else(|| bad(c)),
                            _ => Err(bad(c)),
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    column
                        .typed::<Int32Type>()
                        .write_batch(&v, Some(&def), None)?;
                }
            }
            column.close()?;
            col += 1;
        }
        group.close()?;
        self.rows += rows.len() as u64;
        Ok(())
    }

    /// Write what is buffered and the file footer; returns the number of rows.
    pub fn finish(mut self) -> Result<u64, ParquetError> {
        self.flush()?;
        self.writer.close()?;
        Ok(self.rows)
    }
}

/// Days since 1970-01-01 of `YYYY-MM-DD`.
fn days_since_epoch(day: &str) -> Option<i32> {
    if crate::store::day_of(day).as_deref() != Some(day) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| day[r].parse::<i64>().ok();
    i32::try_from(days_from_civil(n(0..4)?, n(5..7)?, n(8..10)?)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::{Field, RowAccessor};

    fn mention(i: i64, day: Option<&str>, target: Option<&str>) -> Mention {
        Mention {
            event_id: i,
            doc_id: format!("d{i}"),
            day: day.map(str::to_string),
            sentence_index: 0,
            sentence: "Gondor attacked Arnor.".into(),
            source_text: Some("Gondor".into()),
            source_code: Some("GON".into()),
            target_text: target.map(str::to_string),
            target_code: target.map(str::to_uppercase),
            code: "190".into(),
            quad_class: 4,
            goldstein: Some(-10.0),
            negated: false,
            modality: "asserted".into(),
            rule: "verbs.txt:1".into(),
            story_id: i,
            source: None,
        }
    }

    #[test]
    fn rows_round_trip_with_types_and_nulls() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.parquet");
        let mut w =
            ParquetWriter::<_, Mention>::new(std::fs::File::create(&path).unwrap(), "m").unwrap();
        w.write(&mention(1, Some("1970-01-02"), Some("arn")))
            .unwrap();
        w.write(&mention(2, None, None)).unwrap();
        assert_eq!(w.finish().unwrap(), 2);
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        let rows: Vec<_> = reader
            .get_row_iter(None)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows[0].get_long(0).unwrap(), 1);
        let field =
            |r: &parquet::record::Row, i: usize| r.get_column_iter().nth(i).unwrap().1.clone();
        assert_eq!(field(&rows[0], 2), Field::Date(1));
        assert_eq!(rows[0].get_string(7).unwrap(), "ARN");
        assert_eq!(rows[0].get_double(10).unwrap(), -10.0);
        assert!(!rows[0].get_bool(11).unwrap());
        assert_eq!(field(&rows[1], 2), Field::Null);
        assert!(rows[1].get_string(7).is_err(), "null target");
    }

    #[test]
    fn bad_days_are_errors_not_panics() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        assert_eq!(days_since_epoch("1970-1-1"), None);
        let mut w = ParquetWriter::<_, Mention>::new(Vec::new(), "m").unwrap();
        w.write(&mention(1, Some("soon"), None)).unwrap();
        assert!(w.finish().is_err());
    }
}
