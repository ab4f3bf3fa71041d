"""Personal data (UU PDP 27/2022): masking identifiers wherever they would leave the product
(logs, e-mails, public pages), the applicant's export and erasure rights, and retention."""
