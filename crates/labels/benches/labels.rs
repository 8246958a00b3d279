//! Label engine benchmarks (filled in with the writers).
use criterion::{Criterion, criterion_group, criterion_main};

fn escape(c: &mut Criterion) {
    c.bench_function("escape_field_data", |b| {
        b.iter(|| labels::text::escape_field_data(std::hint::black_box("Kamerakopf ^XZ ~JR 10085")))
    });
}

criterion_group!(benches, escape);
criterion_main!(benches);
