-- The Region's dwelling list (every agency at once) is ordered by reference: with this index the
-- database walks the references in order and stops at the page's last row instead of sorting
-- every match (found by bench/macro/region_bench.sh: a search over 8,000 dwellings).
CREATE INDEX dwellings_reference ON dwellings (reference, id);
