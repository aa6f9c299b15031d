"""The signed-in customer's own pages (/account); the blueprint is `storefront.account.views.bp`."""
