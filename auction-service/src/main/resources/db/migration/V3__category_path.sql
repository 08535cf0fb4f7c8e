-- Each auction's categories with all their ancestors, for the search filter "category (including sub-categories)":
-- one GIN lookup instead of a join. auction_category stays the source of truth (foreign keys); the service rewrites
-- category_path whenever an auction's categories change (categories never move in the tree).
ALTER TABLE auction ADD COLUMN category_path UUID[] NOT NULL DEFAULT '{}';

WITH RECURSIVE up(auction_id, category_id) AS (
    SELECT auction_id, category_id FROM auction_category
    UNION
    SELECT up.auction_id, c.parent_id FROM up JOIN category c ON c.id = up.category_id WHERE c.parent_id IS NOT NULL)
UPDATE auction a SET category_path = p.path
FROM (SELECT auction_id, array_agg(DISTINCT category_id) AS path FROM up GROUP BY auction_id) p
WHERE p.auction_id = a.id;

CREATE INDEX auction_category_path_idx ON auction USING GIN (category_path);
