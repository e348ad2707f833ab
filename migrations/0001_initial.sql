-- news-quote-bot schema, version 1. Applied by `npm run db:migrate` (scripts/db-migrate.ts).
--
-- Parsed file versions (nqb_files and the rows under them) are immutable and shared between
-- generations: an unchanged file is never parsed, embedded or copied again. A generation lists
-- the file versions of one complete corpus with its global statistics; readers follow the one
-- row of nqb_live, which ingestion switches in a single UPDATE once a generation is complete.

CREATE TABLE nqb_files (
  file_id      serial PRIMARY KEY,
  path         text    NOT NULL,
  hash         text    NOT NULL,
  -- What else makes a parsed version reusable: model id, parser version, chunking settings.
  settings     text    NOT NULL,
  articles     integer NOT NULL,
  chunks       integer NOT NULL,
  -- Sum of the chunks' BM25 lengths (terms), for the generation's average length.
  total_length bigint  NOT NULL,
  -- Near-duplicate sketches of the file's articles (src/ingest/dedupe.ts encoding).
  sketches     bytea   NOT NULL,
  -- Set once every row of the version is written: only complete versions are ever reused.
  complete     boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX nqb_files_lookup ON nqb_files (path, hash, settings);

CREATE TABLE nqb_articles (
  file_id    integer NOT NULL REFERENCES nqb_files ON DELETE CASCADE,
  ord        integer NOT NULL,
  -- The id as parsed; a generation may rename a clashing one (nqb_generation_articles).
  id         text    NOT NULL,
  title      text    NOT NULL,
  source     text,
  url        text,
  published  text,
  body       text    NOT NULL,
  -- Spans and date mentions: [{start, end}], DateMention[] (offsets into body).
  paragraphs jsonb   NOT NULL,
  sentences  jsonb   NOT NULL,
  dates      jsonb   NOT NULL,
  -- Every other field of the parsed article (src/core/types.ts Article), as JSON.
  extra      jsonb   NOT NULL DEFAULT '{}',
  PRIMARY KEY (file_id, ord)
);

CREATE TABLE nqb_chunks (
  file_id        integer NOT NULL REFERENCES nqb_files ON DELETE CASCADE,
  ord            integer NOT NULL,
  article_ord    integer NOT NULL,
  start_offset   integer NOT NULL,
  end_offset     integer NOT NULL,
  first_sentence integer NOT NULL,
  last_sentence  integer NOT NULL,
  PRIMARY KEY (file_id, ord)
);

-- BM25 postings over our own tokenizer (src/core/text.ts terms()), so lexical scores are the
-- embedded index's. `len` is the chunk's length in terms, kept here to score without a join.
CREATE TABLE nqb_postings (
  term      text    NOT NULL,
  file_id   integer NOT NULL REFERENCES nqb_files ON DELETE CASCADE,
  chunk_ord integer NOT NULL,
  tf        integer NOT NULL,
  len       integer NOT NULL,
  PRIMARY KEY (term, file_id, chunk_ord)
);
CREATE INDEX nqb_postings_file ON nqb_postings (file_id);

-- Per file version: in how many of its chunks each term occurs (a generation's df is the sum).
CREATE TABLE nqb_file_terms (
  file_id integer NOT NULL REFERENCES nqb_files ON DELETE CASCADE,
  term    text    NOT NULL,
  df      integer NOT NULL,
  PRIMARY KEY (file_id, term)
);

CREATE TABLE nqb_generations (
  generation   serial PRIMARY KEY,
  manifest     jsonb   NOT NULL,
  articles     integer NOT NULL,
  chunks       integer NOT NULL,
  total_length bigint  NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE nqb_generation_files (
  generation     integer NOT NULL REFERENCES nqb_generations ON DELETE CASCADE,
  file_id        integer NOT NULL REFERENCES nqb_files,
  position       integer NOT NULL,
  chunk_offset   integer NOT NULL,
  article_offset integer NOT NULL,
  PRIMARY KEY (generation, file_id)
);
CREATE INDEX nqb_generation_files_file ON nqb_generation_files (file_id);

CREATE TABLE nqb_generation_articles (
  generation  integer NOT NULL REFERENCES nqb_generations ON DELETE CASCADE,
  article_id  text    NOT NULL,
  file_id     integer NOT NULL,
  article_ord integer NOT NULL,
  -- What the collection changed in this article (src/ingest/collection-dates.ts places year-less
  -- dates of undated articles from the other articles): replaces the stored dates / extra fields.
  dates       jsonb,
  extra       jsonb,
  PRIMARY KEY (generation, article_id)
);
CREATE UNIQUE INDEX nqb_generation_articles_position ON nqb_generation_articles (generation, file_id, article_ord);

CREATE TABLE nqb_terms (
  generation integer NOT NULL REFERENCES nqb_generations ON DELETE CASCADE,
  term       text    NOT NULL,
  df         integer NOT NULL,
  PRIMARY KEY (generation, term)
);

CREATE TABLE nqb_duplicates (
  generation   integer NOT NULL REFERENCES nqb_generations ON DELETE CASCADE,
  article_id   text    NOT NULL,
  canonical_id text    NOT NULL,
  PRIMARY KEY (generation, article_id)
);

-- The one live generation; previous_generation stays readable for queries already under way.
CREATE TABLE nqb_live (
  singleton           boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  generation          integer NOT NULL REFERENCES nqb_generations,
  previous_generation integer REFERENCES nqb_generations ON DELETE SET NULL,
  switched_at         timestamptz NOT NULL DEFAULT now()
);

-- Chunk vectors need pgvector. Without it (e.g. Debian's postgresql package) the schema is
-- created without them and only lexical indexes can be built. The HNSW index is per dimension
-- (a model's), so ingestion creates it once it knows the model (src/index/pg/ingest.ts).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
    ALTER TABLE nqb_chunks ADD COLUMN embedding vector;
  END IF;
END
$$;
