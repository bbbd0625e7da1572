#!/usr/bin/perl
# Writes two tiny MaxMind DB files for tests/unit/test_geo.c:
#   OUT_DIR/geo-country.mmdb  GeoLite2-Country shape: country.iso_code,
#                             registered_country.iso_code
#   OUT_DIR/geo-asn.mmdb      ip-location-db shape: country_code,
#                             autonomous_system_number, autonomous_system_organization
# Usage: perl tests/data/mkmmdb.pl OUT_DIR
use strict;
use warnings;

use MaxMind::DB::Writer::Tree;

my $dir = shift @ARGV or die "usage: $0 OUT_DIR\n";

my %types = (
	country                        => 'map',
	registered_country             => 'map',
	iso_code                       => 'utf8_string',
	country_code                   => 'utf8_string',
	autonomous_system_number       => 'uint32',
	autonomous_system_organization => 'utf8_string',
);

sub tree {
	my ($type) = @_;
	return MaxMind::DB::Writer::Tree->new(
		ip_version               => 6,
		record_size              => 24,
		database_type            => $type,
		languages                => ['en'],
		description              => { en => "molehunt test $type" },
		map_key_type_callback    => sub { $types{ $_[0] } },
		remove_reserved_networks => 0,
		alias_ipv6_to_ipv4       => 1,
	);
}

sub write_db {
	my ($t, $path) = @_;
	open my $fh, '>:raw', $path or die "$path: $!\n";
	$t->write_tree($fh);
	close $fh or die "$path: $!\n";
}

my $c = tree('GeoLite2-Country');
$c->insert_network('203.0.113.0/24',
	{ country => { iso_code => 'KP' }, registered_country => { iso_code => 'KP' } });
$c->insert_network('198.51.100.0/24',
	{ country => { iso_code => 'US' }, registered_country => { iso_code => 'US' } });
$c->insert_network('192.0.2.0/24', { registered_country => { iso_code => 'CN' } });
$c->insert_network('2001:db8:1::/48', { country => { iso_code => 'RU' } });
write_db($c, "$dir/geo-country.mmdb");

my $a = tree('ipinfo-asn');
$a->insert_network('203.0.113.0/24',
	{ country_code => 'CN', autonomous_system_number => 4837,
	  autonomous_system_organization => 'CHINA UNICOM China169 Backbone' });
$a->insert_network('198.51.100.128/25',
	{ autonomous_system_number => 64500, autonomous_system_organization => 'Example Hosting LLC' });
$a->insert_network('2001:db8:2::/48',
	{ country_code => 'SG', autonomous_system_number => 64501,
	  autonomous_system_organization => 'Example VPN Pte' });
write_db($a, "$dir/geo-asn.mmdb");
