-- Categories: a tree of any depth; each category defines attributes its sub-categories inherit.
CREATE TABLE category (
    id          UUID PRIMARY KEY,
    parent_id   UUID REFERENCES category (id),
    name        VARCHAR(80)  NOT NULL,
    slug        VARCHAR(80)  NOT NULL UNIQUE,
    position    INT          NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX category_sibling_name_idx ON category (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'), lower(name));

CREATE TABLE category_attribute (
    category_id UUID         NOT NULL REFERENCES category (id),
    key         VARCHAR(40)  NOT NULL,
    label       VARCHAR(80)  NOT NULL,
    type        VARCHAR(10)  NOT NULL CHECK (type IN ('TEXT', 'NUMBER', 'BOOLEAN', 'ENUM')),
    options     TEXT,        -- ENUM only: the allowed values, one per line
    required    BOOLEAN      NOT NULL DEFAULT FALSE,
    position    INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (category_id, key)
);

CREATE TABLE auction_category (
    auction_id  UUID NOT NULL REFERENCES auction (id) ON DELETE CASCADE,
    category_id UUID NOT NULL REFERENCES category (id),
    PRIMARY KEY (auction_id, category_id)
);
CREATE INDEX auction_category_category_idx ON auction_category (category_id, auction_id);

CREATE TABLE auction_photo (
    auction_id  UUID    NOT NULL REFERENCES auction (id) ON DELETE CASCADE,
    position    INT     NOT NULL,
    media_id    UUID    NOT NULL,
    main        BOOLEAN NOT NULL,
    PRIMARY KEY (auction_id, position),
    UNIQUE (auction_id, media_id)
);
CREATE UNIQUE INDEX auction_photo_one_main_idx ON auction_photo (auction_id) WHERE main;

CREATE TABLE watchlist_entry (
    user_id     UUID        NOT NULL,
    auction_id  UUID        NOT NULL REFERENCES auction (id) ON DELETE CASCADE,
    added_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, auction_id)
);
CREATE INDEX watchlist_user_added_idx ON watchlist_entry (user_id, added_at DESC);

-- Full-text search over title (weight A) and description (weight B).
ALTER TABLE auction ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED;
CREATE INDEX auction_search_idx ON auction USING GIN (search);

-- The sorts of GET /api/auctions, each with the id as a tie-breaker so that pages are stable.
DROP INDEX auction_status_ends_idx;
CREATE INDEX auction_ends_idx ON auction (ends_at, id);
CREATE INDEX auction_status_ends_idx ON auction (status, ends_at, id);
CREATE INDEX auction_price_idx ON auction (current_price, id);
CREATE INDEX auction_created_idx ON auction (created_at DESC, id);
CREATE INDEX auction_bid_count_idx ON auction (bid_count DESC, id);
DROP INDEX auction_seller_idx;
CREATE INDEX auction_seller_idx ON auction (seller_id, created_at DESC);

-- The default categories.
INSERT INTO category (id, parent_id, name, slug, position) VALUES
    ('c0000000-0000-4000-8000-000000000001', NULL, 'Vehicles', 'vehicles', 1),
    ('c0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001', 'Cars', 'cars', 1),
    ('c0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000001', 'Motorcycles', 'motorcycles', 2),
    ('c0000000-0000-4000-8000-000000000004', NULL, 'Art', 'art', 2),
    ('c0000000-0000-4000-8000-000000000005', 'c0000000-0000-4000-8000-000000000004', 'Paintings', 'paintings', 1),
    ('c0000000-0000-4000-8000-000000000006', NULL, 'Electronics', 'electronics', 3),
    ('c0000000-0000-4000-8000-000000000007', 'c0000000-0000-4000-8000-000000000006', 'Phones', 'phones', 1),
    ('c0000000-0000-4000-8000-000000000008', NULL, 'Services', 'services', 4);

INSERT INTO category_attribute (category_id, key, label, type, options, required, position) VALUES
    ('c0000000-0000-4000-8000-000000000001', 'condition', 'Condition', 'ENUM', E'new\nused\ndamaged', TRUE, 1),
    ('c0000000-0000-4000-8000-000000000001', 'year', 'Year of manufacture', 'NUMBER', NULL, TRUE, 2),
    ('c0000000-0000-4000-8000-000000000002', 'make', 'Make', 'TEXT', NULL, TRUE, 1),
    ('c0000000-0000-4000-8000-000000000002', 'model', 'Model', 'TEXT', NULL, TRUE, 2),
    ('c0000000-0000-4000-8000-000000000002', 'mileage', 'Mileage (km)', 'NUMBER', NULL, TRUE, 3),
    ('c0000000-0000-4000-8000-000000000002', 'fuel', 'Fuel', 'ENUM', E'petrol\ndiesel\nelectric\nhybrid\nlpg', TRUE, 4),
    ('c0000000-0000-4000-8000-000000000002', 'transmission', 'Transmission', 'ENUM', E'manual\nautomatic', FALSE, 5),
    ('c0000000-0000-4000-8000-000000000003', 'engineCc', 'Engine displacement (cc)', 'NUMBER', NULL, FALSE, 1),
    ('c0000000-0000-4000-8000-000000000004', 'artist', 'Artist', 'TEXT', NULL, FALSE, 1),
    ('c0000000-0000-4000-8000-000000000004', 'signed', 'Signed', 'BOOLEAN', NULL, FALSE, 2),
    ('c0000000-0000-4000-8000-000000000005', 'medium', 'Medium', 'ENUM', E'oil\nacrylic\nwatercolour\nmixed', FALSE, 1),
    ('c0000000-0000-4000-8000-000000000006', 'brand', 'Brand', 'TEXT', NULL, FALSE, 1),
    ('c0000000-0000-4000-8000-000000000006', 'condition', 'Condition', 'ENUM', E'new\nrefurbished\nused\nfor parts', TRUE, 2),
    ('c0000000-0000-4000-8000-000000000007', 'storageGb', 'Storage (GB)', 'NUMBER', NULL, FALSE, 1),
    ('c0000000-0000-4000-8000-000000000008', 'deliveryDays', 'Delivery time (days)', 'NUMBER', NULL, FALSE, 1),
    ('c0000000-0000-4000-8000-000000000008', 'onSite', 'Work on site', 'BOOLEAN', NULL, FALSE, 2);
