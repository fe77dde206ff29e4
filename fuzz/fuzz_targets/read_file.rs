//! libFuzzer target: `read_file` and `detect` never panic; a successful read is
//! consistent; reading through `Reader` in chunks (sizes taken from the input's last
//! byte) gives what reading it whole gives. See tests/fuzz_ingest.rs for the
//! property tests that run in CI.
#![no_main]

use libfuzzer_sys::fuzz_target;
use retention::ingest::{self, date, Dataset, Reader};

fuzz_target!(|data: &[u8]| {
    let _ = ingest::detect(data, false);
    let Ok(file) = ingest::read_file("fuzz.csv", data) else { return };
    assert!(file.errors.total as usize >= file.errors.listed.len());
    let kept = match &file.dataset {
        Dataset::Transactions(log) => {
            assert_eq!(log.offsets.len(), log.ids.len() + 1);
            assert!(log.offsets.windows(2).all(|w| w[0] <= w[1]));
            for c in 0..log.ids.len() {
                let days = log.activity_of(c);
                assert!(days.windows(2).all(|w| w[0].day < w[1].day));
                assert!(days.iter().all(|a| a.purchases >= 1 && !a.amount.is_nan()));
            }
            log.activity.iter().map(|a| u64::from(a.purchases)).sum::<u64>() + log.refunds.len() as u64
        }
        other => other.len() as u64,
    };
    assert_eq!(file.data_rows, kept + file.errors.total);

    // The same settings as read_file, fed in chunks.
    let detection = ingest::detect(data, true).expect("read_file detected it");
    let mut settings = detection.settings;
    if settings.date_format.is_none() {
        settings.date_format = detection.dates.and_then(|d| d.resolve(date::prefer_day_first(settings.delimiter)));
    }
    let step = usize::from(data.last().copied().unwrap_or(1) % 64).max(1);
    let mut reader = Reader::new(settings).expect("read_file made one");
    for chunk in data.chunks(step) {
        reader.feed(chunk);
    }
    let chunked = reader.finish().expect("read_file read it");
    assert_eq!(
        (&chunked.dataset, &chunked.errors, chunked.data_rows),
        (&file.dataset, &file.errors, file.data_rows),
        "chunks of {step} bytes"
    );
});
