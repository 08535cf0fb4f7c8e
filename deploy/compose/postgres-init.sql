-- one database per service, owned by the gavel user
CREATE DATABASE user_service OWNER gavel;
CREATE DATABASE auction_service OWNER gavel;
CREATE DATABASE bidding_service OWNER gavel;
CREATE DATABASE media_service OWNER gavel;
